namespace DepositTwin.IO;

/// <summary>
/// Bad input in a data file: names the file, the line (1-based) and the field, and says what was wrong.
/// </summary>
public sealed class DataFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file (or a description of the source) that holds the bad input.</param>
    /// <param name="line">The 1-based line number; 0 when the problem is not tied to a line.</param>
    /// <param name="field">The column or field name; empty when not tied to a field.</param>
    /// <param name="problem">What is wrong, in plain words.</param>
    public DataFormatException(string filePath, long line, string field, string problem)
        : base(Compose(filePath, line, field, problem))
    {
        FilePath = filePath;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or source) that holds the bad input.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line number; 0 when not tied to a line.</summary>
    public long Line { get; }

    /// <summary>The column or field; empty when not tied to a field.</summary>
    public string Field { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }

    private static string Compose(string filePath, long line, string field, string problem)
    {
        string where = filePath;
        if (line > 0)
        {
            where += $", line {line}";
        }

        if (field.Length > 0)
        {
            where += $", field '{field}'";
        }

        return $"{where}: {problem}";
    }
}
