using System.Globalization;
using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.IO;

/// <summary>Which columns of a sample CSV hold what.</summary>
public sealed record SampleCsvColumns
{
    /// <summary>Easting column; "x" by default.</summary>
    public string X { get; init; } = "x";

    /// <summary>Northing column; "y" by default.</summary>
    public string Y { get; init; } = "y";

    /// <summary>Elevation column; "z" by default. Null for 2D data (z = 0).</summary>
    public string? Z { get; init; } = "z";

    /// <summary>Drillhole id column (any text); null when samples are not grouped in holes.</summary>
    public string? Hole { get; init; }

    /// <summary>Value columns to read; empty reads every other column as a value.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Values meaning "missing" (for example −99): stored as NaN and counted.</summary>
    public IReadOnlyCollection<double> MissingSentinels { get; init; } = [];
}

/// <summary>What a sample import read and every value it turned into a missing value.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="Rows">Data rows read (each became a sample).</param>
/// <param name="Holes">Distinct drillholes.</param>
/// <param name="Missing">Per value column, blank, NaN or sentinel values stored as missing.</param>
public sealed record SampleImportReport(string FilePath, int Rows, int Holes, IReadOnlyDictionary<string, int> Missing)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"Samples: {FilePath}: {Rows} rows, {Holes} holes") +
        string.Concat(Missing.Where(m => m.Value > 0).Select(m => FormattableString.Invariant($"; {m.Key}: {m.Value} missing")));
}

/// <summary>Reads point samples (composites, blast holes) from a CSV file with named columns.</summary>
public static class SampleCsv
{
    /// <summary>Reads the file.</summary>
    /// <exception cref="DataFormatException">A column is missing or a value is malformed: the message names the file, line and field.</exception>
    public static (SampleSet Samples, SampleImportReport Report) Read(string path, SampleCsvColumns columns, char? delimiter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        using CsvRecordReader reader = CsvRecordReader.Open(path, delimiter);
        var fields = new List<string>();
        if (!reader.TryRead(fields, out _))
        {
            throw new DataFormatException(path, 0, "", "The file is empty: a header row is needed.");
        }

        string[] header = fields.ToArray();
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)) is int i and >= 0
            ? i
            : throw new DataFormatException(path, 1, name, $"No column '{name}' in the header ({string.Join(", ", header)}).");
        int x = Column(columns.X), y = Column(columns.Y);
        int z = columns.Z is null ? -1 : Column(columns.Z);
        int hole = columns.Hole is null ? -1 : Column(columns.Hole);
        int[] valueColumns = columns.Values.Count > 0
            ? columns.Values.Select(Column).ToArray()
            : Enumerable.Range(0, header.Length).Where(c => c != x && c != y && c != z && c != hole).ToArray();
        var sentinels = new HashSet<double>(columns.MissingSentinels);
        var locations = new List<Point3>();
        var holeIds = new List<int>();
        var holeNames = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = valueColumns.Select(_ => new List<double>()).ToArray();
        var missing = new int[valueColumns.Length];
        while (reader.TryRead(fields, out long line))
        {
            if (fields.Count != header.Length)
            {
                throw new DataFormatException(path, line, "", $"The row has {fields.Count} fields; the header has {header.Length}.");
            }

            double Coordinate(int c) =>
                double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v
                    : throw new DataFormatException(path, line, header[c], $"'{fields[c]}' is not a finite coordinate.");
            locations.Add(new Point3(Coordinate(x), Coordinate(y), z < 0 ? 0 : Coordinate(z)));
            if (hole >= 0 && fields[hole].Length == 0)
            {
                throw new DataFormatException(path, line, header[hole], "The drillhole id is blank.");
            }

            string holeName = hole >= 0 ? fields[hole] : locations.Count.ToString(CultureInfo.InvariantCulture);
            if (!holeNames.TryGetValue(holeName, out int id))
            {
                holeNames[holeName] = id = holeNames.Count;
            }

            holeIds.Add(id);
            for (int v = 0; v < valueColumns.Length; v++)
            {
                string text = fields[valueColumns[v]];
                if (text.Length == 0 || text.Equals("NaN", StringComparison.OrdinalIgnoreCase) || text.Equals("NA", StringComparison.Ordinal))
                {
                    missing[v]++;
                    values[v].Add(double.NaN);
                }
                else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
                {
                    throw new DataFormatException(path, line, header[valueColumns[v]], $"'{text}' is not a number.");
                }
                else if (sentinels.Contains(value))
                {
                    missing[v]++;
                    values[v].Add(double.NaN);
                }
                else
                {
                    values[v].Add(value);
                }
            }
        }

        var columnsByName = valueColumns.Select((c, v) => (Name: header[c], Values: values[v].ToArray())).ToDictionary(t => t.Name, t => t.Values);
        var samples = new SampleSet(locations, columnsByName, holeIds);
        var report = new SampleImportReport(path, locations.Count, holeNames.Count,
            valueColumns.Select((c, v) => (header[c], missing[v])).ToDictionary(t => t.Item1, t => t.Item2));
        return (samples, report);
    }
}
