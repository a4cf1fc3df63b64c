using System.Globalization;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Samples;

namespace DepositTwin.Drillholes;

/// <summary>
/// Composites of a drillhole database in columnar form: hole, from, to, location of the mid point, code,
/// and per value column the composited grade and the metres of it that were assayed.
/// </summary>
public sealed class DrillholeComposites
{
    private readonly string[] _holeNames;
    private readonly int[] _hole;
    private readonly double[] _from, _to;
    private readonly Point3[] _locations;
    private readonly int[] _codes;
    private readonly string[] _columns;
    private readonly double[][] _values, _covered;

    private DrillholeComposites(string[] holeNames, int[] hole, double[] from, double[] to, Point3[] locations, int[] codes,
        string[] columns, double[][] values, double[][] covered, IReadOnlyList<string>? codeNames, int droppedResiduals, int inGaps, int[] belowCoverage)
    {
        _holeNames = holeNames;
        _hole = hole;
        _from = from;
        _to = to;
        _locations = locations;
        _codes = codes;
        _columns = columns;
        _values = values;
        _covered = covered;
        CodeNames = codeNames;
        DroppedResiduals = droppedResiduals;
        InGaps = inGaps;
        BelowCoverage = columns.Select((c, i) => (c, belowCoverage[i])).ToDictionary(t => t.c, t => t.Item2, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Number of composites.</summary>
    public int Count => _from.Length;

    /// <summary>Hole ids, indexed by the numbers in <see cref="Holes"/>.</summary>
    public IReadOnlyList<string> HoleNames => _holeNames;

    /// <summary>The hole (an index into <see cref="HoleNames"/>) of each composite.</summary>
    public ReadOnlySpan<int> Holes => _hole;

    /// <summary>Top depths (m).</summary>
    public ReadOnlySpan<double> From => _from;

    /// <summary>Bottom depths (m).</summary>
    public ReadOnlySpan<double> To => _to;

    /// <summary>Coordinates of each composite's mid depth on the desurveyed hole.</summary>
    public ReadOnlySpan<Point3> Locations => _locations;

    /// <summary>The code each composite lies in (breaks on codes), else 0.</summary>
    public ReadOnlySpan<int> Codes => _codes;

    /// <summary>The texts of the codes when the composites break on a categorical column; null otherwise.</summary>
    public IReadOnlyList<string>? CodeNames { get; }

    /// <summary>The value columns.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Residual pieces dropped at the ends of holes (or code runs) for being shorter than half a composite.</summary>
    public int DroppedResiduals { get; }

    /// <summary>Composite windows wholly inside gaps between logged intervals (no composite is made there).</summary>
    public int InGaps { get; }

    /// <summary>Per column, composites whose value is missing because too little of them was assayed.</summary>
    public IReadOnlyDictionary<string, int> BelowCoverage { get; }

    /// <summary>The composited values of a column (NaN where the coverage rule failed).</summary>
    public ReadOnlySpan<double> Values(string column) => _values[ColumnIndex(column)];

    /// <summary>Metres of each composite covered by assayed (non-missing) values of a column.</summary>
    public ReadOnlySpan<double> CoveredLength(string column) => _covered[ColumnIndex(column)];

    /// <summary>
    /// The composites as samples: locations, every value column, hole ids; when they break on codes, the
    /// code of each composite is its domain.
    /// </summary>
    public SampleSet ToSampleSet() => new(_locations, _columns.Select((c, i) => (c, _values[i])).ToDictionary(t => t.c, t => t.Item2), _hole,
        CodeNames is null ? null : _codes);

    /// <summary>Writes one row per composite (hole, from, to, x, y, z, code, then each column and its covered metres), all or nothing.</summary>
    public void WriteCsv(string path)
    {
        AtomicFile.WriteText(path, w =>
        {
            w.Write("hole,from,to,x,y,z");
            if (CodeNames is not null)
            {
                w.Write(",code");
            }

            foreach (string c in _columns)
            {
                w.Write($",{c},{c}_covered");
            }

            w.WriteLine();
            for (int i = 0; i < Count; i++)
            {
                w.Write(string.Join(',', Quote(_holeNames[_hole[i]]), F(_from[i]), F(_to[i]), F(_locations[i].X), F(_locations[i].Y), F(_locations[i].Z)));
                if (CodeNames is not null)
                {
                    w.Write(',');
                    w.Write(_codes[i] == IntervalTable.NoCode ? "" : Quote(CodeNames[_codes[i]]));
                }

                for (int c = 0; c < _columns.Length; c++)
                {
                    w.Write($",{F(_values[c][i])},{F(_covered[c][i])}");
                }

                w.WriteLine();
            }
        });

        static string F(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);
        static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n") >= 0 ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Count} composites in {_hole.Distinct().Count()} holes; {DroppedResiduals} short residuals dropped; {InGaps} windows in gaps") +
        string.Concat(BelowCoverage.Where(b => b.Value > 0).Select(b => string.Create(CultureInfo.InvariantCulture, $"; {b.Key}: {b.Value} below coverage")));

    private int ColumnIndex(string column)
    {
        int i = Array.FindIndex(_columns, c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
        return i >= 0 ? i : throw new KeyNotFoundException($"No composited column '{column}'. There are: {string.Join(", ", _columns)}.");
    }

    internal static DrillholeComposites Build(DrillholeDatabase database, IntervalTable table, string[] columns, int[] valueIndex,
        IntervalTable? codeTable, int codeIndex, CompositingOptions options, DesurveyMethod method)
    {
        var holeNames = new List<string>();
        var hole = new List<int>();
        var from = new List<double>();
        var to = new List<double>();
        var locations = new List<Point3>();
        var codes = new List<int>();
        var values = columns.Select(_ => new List<double>()).ToArray();
        var covered = columns.Select(_ => new List<double>()).ToArray();
        var belowCoverage = new int[columns.Length];
        int dropped = 0, inGaps = 0;
        var pieces = new List<(double From, double To, int Row, int Code)>();
        var intervals = new List<AssayInterval>();
        foreach (Drillhole h in database.Holes)
        {
            IReadOnlyList<IntervalRecord> rows = table.Rows(h.Id);
            if (rows.Count == 0)
            {
                continue;
            }

            Split(rows, codeTable?.Rows(h.Id), codeIndex, pieces);
            int holeNumber = holeNames.Count;
            holeNames.Add(h.Id);
            HoleTrajectory path = h.Trajectory(method);
            for (int c = 0; c < columns.Length; c++)
            {
                intervals.Clear();
                foreach (var p in pieces)
                {
                    intervals.Add(new AssayInterval(p.From, p.To, rows[p.Row].Values[valueIndex[c]], p.Code));
                }

                CompositingResult result = Compositor.Composite(intervals, options);
                belowCoverage[c] += result.BelowCoverage;
                if (c == 0)
                {
                    // The windows depend on depths and codes only, so every column shares those of the first.
                    dropped += result.DroppedResiduals;
                    inGaps += result.InGaps;
                    foreach (Composite composite in result.Composites)
                    {
                        hole.Add(holeNumber);
                        from.Add(composite.From);
                        to.Add(composite.To);
                        locations.Add(path.PointAt(composite.Mid));
                        codes.Add(composite.Code);
                    }
                }

                foreach (Composite composite in result.Composites)
                {
                    values[c].Add(composite.Value);
                    covered[c].Add(composite.CoveredLength);
                }
            }
        }

        return new DrillholeComposites(holeNames.ToArray(), hole.ToArray(), from.ToArray(), to.ToArray(), locations.ToArray(), codes.ToArray(),
            columns, values.Select(v => v.ToArray()).ToArray(), covered.Select(v => v.ToArray()).ToArray(),
            codeTable?.CodeNames(codeTable.CodeColumns[codeIndex]), dropped, inGaps, belowCoverage);
    }

    /// <summary>Cuts the value rows at the contacts of the code rows; each piece carries the code it lies in.</summary>
    private static void Split(IReadOnlyList<IntervalRecord> rows, IReadOnlyList<IntervalRecord>? codeRows, int codeIndex,
        List<(double From, double To, int Row, int Code)> pieces)
    {
        const double sliver = 1e-9;
        pieces.Clear();
        int k = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            double top = rows[r].From, bottom = rows[r].To;
            if (codeRows is null)
            {
                pieces.Add((top, bottom, r, 0));
                continue;
            }

            while (k < codeRows.Count && codeRows[k].To <= top)
            {
                k++;
            }

            double cursor = top;
            for (int j = k; j < codeRows.Count && codeRows[j].From < bottom && cursor < bottom - sliver; j++)
            {
                if (codeRows[j].From > cursor + sliver)
                {
                    pieces.Add((cursor, codeRows[j].From, r, IntervalTable.NoCode));
                    cursor = codeRows[j].From;
                }

                double end = Math.Min(codeRows[j].To, bottom);
                if (end > cursor + sliver)
                {
                    pieces.Add((cursor, end, r, codeRows[j].Codes[codeIndex]));
                    cursor = end;
                }
            }

            if (cursor < bottom - sliver)
            {
                pieces.Add((cursor, bottom, r, IntervalTable.NoCode));
            }
        }
    }
}
