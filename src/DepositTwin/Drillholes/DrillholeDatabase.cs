using DepositTwin.Geometry;

namespace DepositTwin.Drillholes;

/// <summary>One drillhole: its collar, its (cleaned) survey and where it came from.</summary>
public sealed class Drillhole
{
    internal Drillhole(string id, Point3 collar, double totalDepth, IReadOnlyList<SurveyStation> surveys, bool surveyAssumed)
    {
        Id = id;
        Collar = collar;
        TotalDepth = totalDepth;
        Surveys = surveys;
        SurveyAssumed = surveyAssumed;
    }

    /// <summary>The hole id as written in the files.</summary>
    public string Id { get; }

    /// <summary>Collar coordinates (m).</summary>
    public Point3 Collar { get; }

    /// <summary>End-of-hole depth from the collar file (m); NaN when the file has none.</summary>
    public double TotalDepth { get; }

    /// <summary>Survey stations by increasing depth, dips negative down, duplicates and dummy stations removed.</summary>
    public IReadOnlyList<SurveyStation> Surveys { get; }

    /// <summary>True when the collar had no survey rows and the import's default survey stands in.</summary>
    public bool SurveyAssumed { get; }

    /// <summary>The hole's path by the given desurvey method.</summary>
    public HoleTrajectory Trajectory(DesurveyMethod method = DesurveyMethod.MinimumCurvature) => new(Collar, Surveys, method);

    /// <inheritdoc />
    public override string ToString() => $"{Id} at {Collar}, {Surveys.Count} survey stations{(SurveyAssumed ? " (assumed)" : "")}";
}

/// <summary>One row of an interval table.</summary>
public sealed class IntervalRecord
{
    private readonly double[] _values;
    private readonly int[] _codes;

    internal IntervalRecord(double from, double to, long line, double[] values, int[] codes)
    {
        From = from;
        To = to;
        Line = line;
        _values = values;
        _codes = codes;
    }

    /// <summary>Top depth (m).</summary>
    public double From { get; }

    /// <summary>Bottom depth (m).</summary>
    public double To { get; }

    /// <summary>The line of the file the row came from.</summary>
    public long Line { get; }

    /// <summary>The numeric values, in the order of <see cref="IntervalTable.ValueColumns"/> (NaN = missing).</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The categorical codes, in the order of <see cref="IntervalTable.CodeColumns"/> (<see cref="IntervalTable.NoCode"/> = blank).</summary>
    public IReadOnlyList<int> Codes => _codes;
}

/// <summary>An interval table (assays, lithology…): per hole, rows sorted by depth and not overlapping.</summary>
public sealed class IntervalTable
{
    /// <summary>The code of a blank categorical field.</summary>
    public const int NoCode = int.MinValue;

    private readonly Dictionary<string, IReadOnlyList<IntervalRecord>> _byHole;
    private readonly IReadOnlyList<string>[] _codeNames;

    internal IntervalTable(string name, string file, IReadOnlyList<string> valueColumns, IReadOnlyList<string> codeColumns,
        IReadOnlyList<string>[] codeNames, Dictionary<string, IReadOnlyList<IntervalRecord>> byHole)
    {
        Name = name;
        File = file;
        ValueColumns = valueColumns;
        CodeColumns = codeColumns;
        _codeNames = codeNames;
        _byHole = byHole;
    }

    /// <summary>The table's name.</summary>
    public string Name { get; }

    /// <summary>The file it was read from.</summary>
    public string File { get; }

    /// <summary>Numeric columns.</summary>
    public IReadOnlyList<string> ValueColumns { get; }

    /// <summary>Categorical columns.</summary>
    public IReadOnlyList<string> CodeColumns { get; }

    /// <summary>Number of rows kept.</summary>
    public int Count => _byHole.Values.Sum(r => r.Count);

    /// <summary>The rows of a hole, top down; empty when the hole has none.</summary>
    public IReadOnlyList<IntervalRecord> Rows(string holeId) => _byHole.TryGetValue(holeId, out var rows) ? rows : [];

    /// <summary>The texts of a categorical column, indexed by code (codes are given in order of first appearance).</summary>
    public IReadOnlyList<string> CodeNames(string codeColumn) => _codeNames[CodeIndex(codeColumn)];

    /// <summary>The position of a value column.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public int ValueIndex(string column) => IndexOf(ValueColumns, column, "value");

    /// <summary>The position of a categorical column.</summary>
    /// <exception cref="KeyNotFoundException">No such column.</exception>
    public int CodeIndex(string column) => IndexOf(CodeColumns, column, "code");

    private int IndexOf(IReadOnlyList<string> columns, string column, string kind)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"Interval table '{Name}' has no {kind} column '{column}'. It has: {string.Join(", ", columns)}.");
    }
}

/// <summary>A column of an interval table, e.g. ("lith", "rock").</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Column">The column's name.</param>
public readonly record struct IntervalColumn(string Table, string Column);

/// <summary>Collars, surveys and interval tables after import and validation.</summary>
public sealed class DrillholeDatabase
{
    private readonly Dictionary<string, IntervalTable> _tables;

    internal DrillholeDatabase(IReadOnlyList<Drillhole> holes, IEnumerable<IntervalTable> tables)
    {
        Holes = holes;
        _tables = tables.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The holes, in collar-file order.</summary>
    public IReadOnlyList<Drillhole> Holes { get; }

    /// <summary>The interval tables.</summary>
    public IEnumerable<IntervalTable> Tables => _tables.Values;

    /// <summary>An interval table by name.</summary>
    /// <exception cref="KeyNotFoundException">No table has that name.</exception>
    public IntervalTable Table(string name) => _tables.TryGetValue(name, out IntervalTable? t)
        ? t
        : throw new KeyNotFoundException($"No interval table '{name}'. There are: {string.Join(", ", _tables.Keys)}.");

    /// <summary>
    /// Fixed-length downhole composites of value columns of one table, located at their mid depths on the
    /// desurveyed holes.
    /// </summary>
    /// <param name="table">The interval table holding the values.</param>
    /// <param name="columns">Value columns to composite; null or empty composites every value column.</param>
    /// <param name="options">Length, coverage rule, residual policy (see <see cref="Compositor"/>).</param>
    /// <param name="breakOn">
    /// A categorical column (of this or another table) at whose changes composites break: value intervals are
    /// split at its contacts and each piece carries the code there (<see cref="IntervalTable.NoCode"/> where it
    /// has none). Null: no breaks (then <see cref="CompositingOptions.BreakOnCodeChange"/> must be false).
    /// </param>
    /// <param name="method">Desurvey method.</param>
    /// <exception cref="ArgumentException">Unknown table or column, or code breaks asked for without <paramref name="breakOn"/>.</exception>
    public DrillholeComposites Composite(string table, IReadOnlyList<string>? columns = null, CompositingOptions? options = null,
        IntervalColumn? breakOn = null, DesurveyMethod method = DesurveyMethod.MinimumCurvature)
    {
        options ??= new CompositingOptions();
        if (options.BreakOnCodeChange && breakOn is null)
        {
            throw new ArgumentException("BreakOnCodeChange needs the categorical column to break on (breakOn).", nameof(options));
        }

        options = options with { BreakOnCodeChange = breakOn is not null };
        IntervalTable values = Table(table);
        string[] names = columns is { Count: > 0 } ? columns.ToArray() : values.ValueColumns.ToArray();
        int[] valueIndex = names.Select(values.ValueIndex).ToArray();
        IntervalTable? codeTable = breakOn is { } b ? Table(b.Table) : null;
        int codeIndex = breakOn is { } c ? codeTable!.CodeIndex(c.Column) : -1;
        return DrillholeComposites.Build(this, values, names, valueIndex, codeTable, codeIndex, options, method);
    }
}
