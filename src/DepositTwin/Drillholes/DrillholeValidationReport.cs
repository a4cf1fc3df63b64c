using System.Globalization;
using System.Text;

namespace DepositTwin.Drillholes;

/// <summary>The kinds of anomaly a drillhole import finds.</summary>
public enum AnomalyKind
{
    /// <summary>A row whose hole id is blank: excluded.</summary>
    BlankHoleId,

    /// <summary>A key field (coordinate, depth, angle, from/to) that is blank or not a number: the row is excluded.</summary>
    InvalidKeyField,

    /// <summary>A second collar row for a hole: excluded (the first is kept).</summary>
    DuplicateCollar,

    /// <summary>Survey or interval rows of a hole that has no collar: excluded.</summary>
    HoleWithoutCollar,

    /// <summary>A collar without survey rows: given the default survey.</summary>
    CollarWithoutSurvey,

    /// <summary>A collar without rows in an interval table (noted; nothing changes).</summary>
    CollarWithoutIntervals,

    /// <summary>The first survey is below the collar: its angles are extended up to the collar.</summary>
    FirstSurveyBelowCollar,

    /// <summary>A survey row repeating an earlier one (same depth, same angles): excluded.</summary>
    DuplicateSurvey,

    /// <summary>A survey row at the depth of an earlier one with other angles: excluded (the first is kept).</summary>
    ConflictingSurvey,

    /// <summary>Survey or interval rows of a hole not in depth order: sorted.</summary>
    UnsortedRows,

    /// <summary>A dip outside [−90, 90]: the row is excluded.</summary>
    DipOutOfRange,

    /// <summary>An azimuth outside [0, 360): wrapped into it.</summary>
    AzimuthWrapped,

    /// <summary>Consecutive stations whose azimuths pass through north (e.g. 355 → 5): desurveyed as directions, never by averaging angles.</summary>
    AzimuthThroughNorth,

    /// <summary>A survey station far beyond the total depth (excluded) or, without one, far below the deepest interval (kept, listed).</summary>
    DummyStation,

    /// <summary>An interval with from ≥ to: excluded.</summary>
    FromNotAboveTo,

    /// <summary>An interval overlapping the one above it: excluded (the upper one is kept).</summary>
    OverlappingInterval,

    /// <summary>A gap between consecutive intervals (noted; it counts as unsampled).</summary>
    GapBetweenIntervals,

    /// <summary>An interval deeper than the deepest survey station (noted; the last survey is extended).</summary>
    BeyondDeepestSurvey,

    /// <summary>An interval deeper than the collar's total depth (noted).</summary>
    BeyondTotalDepth,

    /// <summary>A value that is not a number: stored as missing.</summary>
    NonNumericValue,

    /// <summary>A below-detection value (negative, or <c>&lt;x</c>): replaced by the policy's value.</summary>
    BelowDetection,
}

/// <summary>One anomaly: where it is and what was done about it.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="HoleId">The hole (empty when unknown).</param>
/// <param name="File">The file.</param>
/// <param name="Line">The 1-based line; 0 when not tied to a line.</param>
/// <param name="Field">The column; empty when not tied to one.</param>
/// <param name="Detail">What was found and done, in words.</param>
/// <param name="Excluded">True when the row was left out of the database.</param>
public sealed record DrillholeAnomaly(AnomalyKind Kind, string HoleId, string File, long Line, string Field, string Detail, bool Excluded)
{
    /// <inheritdoc />
    public override string ToString()
    {
        string where = Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(File)}:{Line}") : Path.GetFileName(File);
        string field = Field.Length > 0 ? $" [{Field}]" : "";
        string hole = HoleId.Length > 0 ? $" hole {HoleId}" : "";
        return $"{Kind}{hole} at {where}{field}: {Detail}{(Excluded ? " (row excluded)" : "")}";
    }
}

/// <summary>What happened to the values of one column of one file.</summary>
/// <param name="File">The file.</param>
/// <param name="Column">The column.</param>
/// <param name="Read">Values read (rows kept).</param>
/// <param name="Blank">Blank (or NaN / NA) values, stored as missing.</param>
/// <param name="Sentinel">Values equal to a missing sentinel, stored as missing.</param>
/// <param name="BelowDetection">Below-detection values, replaced by the policy's value.</param>
/// <param name="NonNumeric">Texts that are not numbers, stored as missing.</param>
public sealed record ColumnReport(string File, string Column, int Read, int Blank, int Sentinel, int BelowDetection, int NonNumeric);

/// <summary>
/// Everything a drillhole import found: every anomaly with its hole, file, line and field, what was done
/// about it, and per column what became missing. Nothing is excluded without a line here.
/// </summary>
public sealed class DrillholeValidationReport
{
    internal DrillholeValidationReport(IReadOnlyList<DrillholeAnomaly> anomalies, IReadOnlyList<ColumnReport> columns,
        IReadOnlyDictionary<string, (int Read, int Kept)> rows, int holes)
    {
        Anomalies = anomalies;
        Columns = columns;
        Rows = rows;
        Holes = holes;
    }

    /// <summary>Every anomaly, in file order.</summary>
    public IReadOnlyList<DrillholeAnomaly> Anomalies { get; }

    /// <summary>Per file and value column: values read, blank, sentinel, below detection, non-numeric.</summary>
    public IReadOnlyList<ColumnReport> Columns { get; }

    /// <summary>Per file: data rows read and kept (read − kept rows are each listed as an excluded anomaly).</summary>
    public IReadOnlyDictionary<string, (int Read, int Kept)> Rows { get; }

    /// <summary>Holes in the database (collars kept).</summary>
    public int Holes { get; }

    /// <summary>Anomalies of one kind.</summary>
    public IEnumerable<DrillholeAnomaly> Of(AnomalyKind kind) => Anomalies.Where(a => a.Kind == kind);

    /// <summary>Number of anomalies of each kind found (kinds not found are left out).</summary>
    public IReadOnlyDictionary<AnomalyKind, int> CountByKind() =>
        Anomalies.GroupBy(a => a.Kind).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The report as text: the summary, then every anomaly.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Drillhole import: {Holes} holes").AppendLine();
        foreach ((string file, (int read, int kept)) in Rows)
        {
            text.Append(inv, $"  {Path.GetFileName(file)}: {read} rows read, {kept} kept, {read - kept} excluded").AppendLine();
        }

        foreach (ColumnReport c in Columns.Where(c => c.Blank + c.Sentinel + c.BelowDetection + c.NonNumeric > 0))
        {
            text.Append(inv, $"  {Path.GetFileName(c.File)} {c.Column}: {c.Read} values, {c.Blank} blank, {c.Sentinel} sentinel, {c.BelowDetection} below detection, {c.NonNumeric} non-numeric").AppendLine();
        }

        text.AppendLine("Anomalies by kind:");
        foreach ((AnomalyKind kind, int count) in CountByKind())
        {
            text.Append(inv, $"  {kind}: {count}").AppendLine();
        }

        text.AppendLine("Anomalies:");
        foreach (DrillholeAnomaly a in Anomalies)
        {
            text.Append("  ").AppendLine(a.ToString());
        }

        return text.ToString();
    }
}
