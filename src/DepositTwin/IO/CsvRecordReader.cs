using System.Text;

namespace DepositTwin.IO;

/// <summary>
/// Reads delimited text records (RFC 4180 quoting: fields in double quotes may hold delimiters, line
/// breaks and doubled quotes). Blank lines are skipped. Each record carries the line it started on.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private long _line;

    /// <param name="reader">The text; a <see cref="StreamReader"/> strips a UTF-8 byte-order mark.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <param name="delimiter">The field delimiter, or null to detect it from the first record (comma, semicolon or tab).</param>
    public CsvRecordReader(TextReader reader, string source, char? delimiter)
    {
        _reader = reader;
        Source = source;
        Delimiter = delimiter;
    }

    public string Source { get; }

    public char? Delimiter { get; private set; }

    public static CsvRecordReader Open(string path, char? delimiter) =>
        new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16), path, delimiter);

    /// <summary>Reads the next non-blank record into <paramref name="fields"/>.</summary>
    /// <returns>False at the end of the file.</returns>
    public bool TryRead(List<string> fields, out long line)
    {
        while (true)
        {
            string? text = _reader.ReadLine();
            if (text is null)
            {
                line = 0;
                return false;
            }

            _line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            line = _line;
            Delimiter ??= Detect(text);
            Split(text, fields);
            return true;
        }
    }

    private void Split(string text, List<string> fields)
    {
        fields.Clear();
        char delimiter = Delimiter!.Value;
        long startLine = _line;
        int i = 0;
        while (true)
        {
            _field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        // A quoted field that runs on to the next line.
                        string? next = _reader.ReadLine()
                            ?? throw new DataFormatException(Source, startLine, "", "A quoted field is not closed before the end of the file.");
                        _line++;
                        _field.Append('\n');
                        text = next;
                        i = 0;
                        continue;
                    }

                    char c = text[i++];
                    if (c == '"')
                    {
                        if (i < text.Length && text[i] == '"')
                        {
                            _field.Append('"');
                            i++;
                        }
                        else
                        {
                            break;
                        }
                    }
                    else
                    {
                        _field.Append(c);
                    }
                }

                // Text between a closing quote and the delimiter is kept, as spreadsheets do.
                while (i < text.Length && text[i] != delimiter)
                {
                    _field.Append(text[i++]);
                }
            }
            else
            {
                int end = text.IndexOf(delimiter, i);
                if (end < 0)
                {
                    end = text.Length;
                }

                _field.Append(text, i, end - i);
                i = end;
            }

            fields.Add(_field.ToString().Trim());
            if (i >= text.Length)
            {
                return;
            }

            i++; // past the delimiter
        }
    }

    /// <summary>The most frequent of comma, semicolon and tab outside quotes; comma on a tie or none.</summary>
    internal static char Detect(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (char c in headerLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                switch (c)
                {
                    case ',': commas++; break;
                    case ';': semicolons++; break;
                    case '\t': tabs++; break;
                }
            }
        }

        if (tabs > commas && tabs > semicolons)
        {
            return '\t';
        }

        return semicolons > commas ? ';' : ',';
    }

    public void Dispose() => _reader.Dispose();
}
