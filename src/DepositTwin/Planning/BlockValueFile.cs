using System.Buffers.Text;
using System.IO.Compression;
using DepositTwin.IO;

namespace DepositTwin.Planning;

/// <summary>
/// Block values one per line (MineFlow's regular-model format: x fastest, then y, then z from the bottom),
/// plain or gzip-compressed (by the ".gz" extension).
/// </summary>
public static class BlockValueFile
{
    /// <summary>Reads every value.</summary>
    /// <exception cref="DataFormatException">A line is not a number (file and line named).</exception>
    public static double[] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Read(stream, path);
    }

    /// <summary>Reads every value from a stream; <paramref name="source"/> names it in errors.</summary>
    public static double[] Read(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var values = new List<double>(1 << 16);
        var buffer = new byte[1 << 16];
        int filled = 0;
        long line = 1;
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var span = buffer.AsSpan(0, filled);
            int start = 0;
            while (true)
            {
                int end = span[start..].IndexOf((byte)'\n');
                if (end < 0)
                {
                    break;
                }

                Parse(span.Slice(start, end), values, source, line++);
                start += end + 1;
            }

            // Keep the unfinished line; grow the buffer for a line longer than it.
            span[start..].CopyTo(buffer);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            if (read == 0)
            {
                Parse(buffer.AsSpan(0, filled), values, source, line);
                return [.. values];
            }
        }
    }

    private static void Parse(ReadOnlySpan<byte> text, List<double> values, string source, long line)
    {
        text = text.Trim(" \t\r"u8);
        if (text.IsEmpty)
        {
            return;
        }

        if (!Utf8Parser.TryParse(text, out double value, out int used) || used != text.Length || !double.IsFinite(value))
        {
            throw new DataFormatException(source, line, "value", $"'{System.Text.Encoding.UTF8.GetString(text)}' is not a finite number.");
        }

        values.Add(value);
    }
}
