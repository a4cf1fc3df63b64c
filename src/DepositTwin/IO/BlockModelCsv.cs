using System.Globalization;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;

namespace DepositTwin.IO;

/// <summary>Options for reading a block model from CSV.</summary>
public sealed class BlockModelCsvOptions
{
    /// <summary>The field delimiter; null (the default) detects comma, semicolon or tab from the header.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Columns to read as integer codes (domain, class, ...); every other attribute column is read as doubles.</summary>
    public IReadOnlyCollection<string> IntegerAttributes { get; init; } = [];

    /// <summary>Values that mean "missing" (for example −99); they are stored as missing and counted in the report.</summary>
    public IReadOnlyCollection<double> MissingSentinels { get; init; } = [];

    /// <summary>Units per attribute name, recorded on the attributes read.</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a block model import read, and every value it turned into a missing value.</summary>
public sealed class BlockModelImportReport
{
    internal BlockModelImportReport(string filePath, string coordinates, int rows, IReadOnlyDictionary<string, int> blanks, IReadOnlyDictionary<string, int> sentinels)
    {
        FilePath = filePath;
        CoordinateColumns = coordinates;
        RowsRead = rows;
        BlankValues = blanks;
        SentinelValues = sentinels;
    }

    /// <summary>The file read.</summary>
    public string FilePath { get; }

    /// <summary>"i,j,k" or "x,y,z": the columns that located each block.</summary>
    public string CoordinateColumns { get; }

    /// <summary>Data rows read; each became one active block.</summary>
    public int RowsRead { get; }

    /// <summary>Per attribute, the number of blank (or NaN) values, stored as missing.</summary>
    public IReadOnlyDictionary<string, int> BlankValues { get; }

    /// <summary>Per attribute, the number of sentinel values (for example −99), stored as missing.</summary>
    public IReadOnlyDictionary<string, int> SentinelValues { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Block model import: {FilePath}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  {RowsRead} rows read, located by {CoordinateColumns}; every row became an active block.");
        foreach ((string name, int blanks) in BlankValues)
        {
            int sentinels = SentinelValues.GetValueOrDefault(name);
            if (blanks + sentinels > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {blanks} blank and {sentinels} sentinel values stored as missing.");
            }
        }

        return text.ToString();
    }
}

/// <summary>
/// Reads and writes block models as CSV: one row per active block with columns i, j, k, x, y, z (the
/// centroid) and then one column per attribute. Missing values are blank. Doubles are written in
/// shortest round-trip form, so a write followed by a read reproduces every value exactly.
/// </summary>
public static class BlockModelCsv
{
    private const int ReportEvery = 1 << 16;

    /// <summary>Writes the model's active blocks to a CSV file, all-or-nothing (temporary file, then move).</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The target file.</param>
    /// <param name="progress">Receives progress in blocks written.</param>
    /// <param name="cancellationToken">Stops the write; the target is then left untouched.</param>
    public static void Write(BlockModel model, string path, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.WriteText(path, writer =>
        {
            writer.Write("i,j,k,x,y,z");
            foreach (BlockAttribute attribute in model.Attributes)
            {
                writer.Write(',');
                writer.Write(attribute.Name);
            }

            writer.WriteLine();
            Span<char> buffer = stackalloc char[32];
            for (int row = 0; row < model.Count; row++)
            {
                if (row % ReportEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new WorkProgress("Writing blocks", row, model.Count));
                }

                BlockIndex b = model.IndexOf(row);
                Point3 c = model.Centroid(row);
                WriteNumber(writer, buffer, b.I);
                writer.Write(',');
                WriteNumber(writer, buffer, b.J);
                writer.Write(',');
                WriteNumber(writer, buffer, b.K);
                writer.Write(',');
                WriteNumber(writer, buffer, c.X);
                writer.Write(',');
                WriteNumber(writer, buffer, c.Y);
                writer.Write(',');
                WriteNumber(writer, buffer, c.Z);
                foreach (BlockAttribute attribute in model.Attributes)
                {
                    writer.Write(',');
                    if (attribute.IsMissing(row))
                    {
                        continue;
                    }

                    if (attribute is IntegerAttribute codes)
                    {
                        WriteNumber(writer, buffer, codes[row]);
                    }
                    else
                    {
                        WriteNumber(writer, buffer, attribute.GetDouble(row));
                    }
                }

                writer.WriteLine();
            }

            progress?.Report(new WorkProgress("Writing blocks", model.Count, model.Count));
        });
    }

    /// <summary>
    /// Reads a block model from a CSV file onto a given grid. Blocks are located by the i, j, k columns when
    /// present (x, y, z, if also present, must fall inside that block), otherwise by x, y, z. Every row
    /// becomes one active block; every other column becomes an attribute.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="grid">The grid the blocks belong to.</param>
    /// <param name="options">Delimiter, integer columns, missing-value sentinels and units.</param>
    /// <param name="progress">Receives progress in rows read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The model and the import report.</returns>
    /// <exception cref="DataFormatException">A row is malformed: the message names file, line and field.</exception>
    public static (BlockModel Model, BlockModelImportReport Report) Read(
        string path, GridDefinition grid, BlockModelCsvOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= new BlockModelCsvOptions();
        using CsvRecordReader reader = CsvRecordReader.Open(path, options.Delimiter);
        var fields = new List<string>();
        if (!reader.TryRead(fields, out _))
        {
            throw new DataFormatException(path, 0, "", "The file is empty: a header row is needed.");
        }

        string[] header = fields.ToArray();
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        int[] ijk = [Column("i"), Column("j"), Column("k")];
        int[] xyz = [Column("x"), Column("y"), Column("z")];
        bool byIndex = ijk.All(c => c >= 0);
        bool byCentroid = xyz.All(c => c >= 0);
        if (!byIndex && !byCentroid)
        {
            throw new DataFormatException(path, 1, "", "The header needs columns i, j, k or x, y, z to locate the blocks.");
        }

        var sentinels = new HashSet<double>(options.MissingSentinels);
        var integerNames = new HashSet<string>(options.IntegerAttributes, StringComparer.OrdinalIgnoreCase);
        var columns = new List<ColumnReader>();
        for (int c = 0; c < header.Length; c++)
        {
            if (ijk.Contains(c) || xyz.Contains(c))
            {
                continue;
            }

            try
            {
                BlockAttribute.ValidateName(header[c]);
            }
            catch (ArgumentException e)
            {
                throw new DataFormatException(path, 1, header[c], e.Message);
            }

            if (columns.Any(other => string.Equals(other.Name, header[c], StringComparison.OrdinalIgnoreCase)))
            {
                throw new DataFormatException(path, 1, header[c], "The column name appears twice in the header.");
            }

            columns.Add(new ColumnReader(header[c], c, integerNames.Remove(header[c])));
        }

        if (integerNames.Count > 0)
        {
            throw new ArgumentException($"Integer attributes {string.Join(", ", integerNames)} are not columns of '{path}'.", nameof(options));
        }

        var blocks = new List<int>();
        var lines = new List<long>();
        while (reader.TryRead(fields, out long line))
        {
            if (blocks.Count % ReportEvery == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new WorkProgress("Reading blocks", blocks.Count, 0));
            }

            if (fields.Count != header.Length)
            {
                throw new DataFormatException(path, line, "", $"The row has {fields.Count} fields; the header has {header.Length}.");
            }

            blocks.Add(Locate(path, line, grid, header, fields, byIndex ? ijk : null, byCentroid ? xyz : null));
            lines.Add(line);
            foreach (ColumnReader column in columns)
            {
                column.Parse(path, line, fields[column.Index], sentinels);
            }
        }

        int[] order = Enumerable.Range(0, blocks.Count).ToArray();
        int[] sortedBlocks = blocks.ToArray();
        Array.Sort(sortedBlocks, order);
        for (int r = 1; r < sortedBlocks.Length; r++)
        {
            if (sortedBlocks[r] == sortedBlocks[r - 1])
            {
                long first = Math.Min(lines[order[r]], lines[order[r - 1]]);
                long second = Math.Max(lines[order[r]], lines[order[r - 1]]);
                throw new DataFormatException(path, second, "", $"Block {grid.ToBlockIndex(sortedBlocks[r])} already appears on line {first}.");
            }
        }

        BlockModel model = BlockModel.WithActiveBlocks(grid, sortedBlocks);
        foreach (ColumnReader column in columns)
        {
            string unit = options.Units.GetValueOrDefault(column.Name, "");
            if (column.IsInteger)
            {
                IntegerAttribute attribute = model.AddInteger(column.Name, unit);
                for (int row = 0; row < order.Length; row++)
                {
                    attribute[row] = column.Integers[order[row]];
                }
            }
            else
            {
                DoubleAttribute attribute = model.AddDouble(column.Name, unit);
                for (int row = 0; row < order.Length; row++)
                {
                    attribute[row] = column.Doubles[order[row]];
                }
            }
        }

        progress?.Report(new WorkProgress("Reading blocks", blocks.Count, blocks.Count));
        var report = new BlockModelImportReport(
            path, byIndex ? "i,j,k" : "x,y,z", blocks.Count,
            columns.ToDictionary(c => c.Name, c => c.Blanks), columns.ToDictionary(c => c.Name, c => c.Sentinels));
        return (model, report);
    }

    private static int Locate(string path, long line, GridDefinition grid, string[] header, List<string> fields, int[]? ijk, int[]? xyz)
    {
        Point3? centroid = null;
        if (xyz is not null)
        {
            double x = ParseCoordinate(path, line, header[xyz[0]], fields[xyz[0]]);
            double y = ParseCoordinate(path, line, header[xyz[1]], fields[xyz[1]]);
            double z = ParseCoordinate(path, line, header[xyz[2]], fields[xyz[2]]);
            centroid = new Point3(x, y, z);
        }

        if (ijk is null)
        {
            if (!grid.TryFindBlock(centroid!.Value, out BlockIndex found))
            {
                throw new DataFormatException(path, line, header[xyz![0]], $"The point {centroid} lies outside the grid ({grid}).");
            }

            return grid.LinearIndex(found);
        }

        int[] index = new int[3];
        int[] counts = [grid.CountX, grid.CountY, grid.CountZ];
        for (int axis = 0; axis < 3; axis++)
        {
            string text = fields[ijk[axis]];
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out index[axis]))
            {
                throw new DataFormatException(path, line, header[ijk[axis]], $"'{text}' is not a whole number.");
            }

            if (index[axis] < 0 || index[axis] >= counts[axis])
            {
                throw new DataFormatException(path, line, header[ijk[axis]], $"{index[axis]} is outside the grid's [0, {counts[axis] - 1}].");
            }
        }

        var block = new BlockIndex(index[0], index[1], index[2]);
        if (centroid is { } point && (!grid.TryFindBlock(point, out BlockIndex containing) || containing != block))
        {
            throw new DataFormatException(path, line, header[xyz![0]], $"The point {point} does not lie in block {block} given by i, j, k.");
        }

        return grid.LinearIndex(block);
    }

    private static double ParseCoordinate(string path, long line, string field, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new DataFormatException(path, line, field, $"'{text}' is not a finite number.");
        }

        return value;
    }

    private static void WriteNumber<T>(TextWriter writer, Span<char> buffer, T value)
        where T : ISpanFormattable
    {
        // Shortest round-trip text, without allocating a string per value.
        value.TryFormat(buffer, out int written, default, CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }

    /// <summary>Parses one attribute column into a growing buffer of values.</summary>
    private sealed class ColumnReader(string name, int index, bool isInteger)
    {
        public string Name { get; } = name;

        public int Index { get; } = index;

        public bool IsInteger { get; } = isInteger;

        public List<double> Doubles { get; } = [];

        public List<int> Integers { get; } = [];

        public int Blanks { get; private set; }

        public int Sentinels { get; private set; }

        public void Parse(string path, long line, string text, HashSet<double> sentinels)
        {
            if (text.Length == 0 || text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
            {
                Blanks++;
                Add(double.NaN, IntegerAttribute.Missing);
                return;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsInfinity(value))
            {
                throw new DataFormatException(path, line, Name, $"'{text}' is not a number.");
            }

            if (sentinels.Contains(value))
            {
                Sentinels++;
                Add(double.NaN, IntegerAttribute.Missing);
                return;
            }

            if (IsInteger && (value != Math.Round(value) || value <= int.MinValue || value > int.MaxValue))
            {
                throw new DataFormatException(path, line, Name, $"'{text}' is not a whole number code in ({int.MinValue}, {int.MaxValue}].");
            }

            Add(value, IsInteger ? (int)value : 0);
        }

        private void Add(double value, int code)
        {
            if (IsInteger)
            {
                Integers.Add(code);
            }
            else
            {
                Doubles.Add(value);
            }
        }
    }
}
