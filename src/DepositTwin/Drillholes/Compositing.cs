namespace DepositTwin.Drillholes;

/// <summary>One assay (or any interval) of one hole.</summary>
/// <param name="From">Top depth along the hole (m).</param>
/// <param name="To">Bottom depth (m), greater than <paramref name="From"/>.</param>
/// <param name="Value">The grade; NaN when missing.</param>
/// <param name="Code">A domain or lithology code; composites can break where it changes.</param>
public readonly record struct AssayInterval(double From, double To, double Value, int Code = 0)
{
    /// <summary>Length (m).</summary>
    public double Length => To - From;
}

/// <summary>One composite.</summary>
/// <param name="From">Top depth (m).</param>
/// <param name="To">Bottom depth (m).</param>
/// <param name="Value">Length-weighted grade of the non-missing parts; NaN when the coverage rule fails.</param>
/// <param name="CoveredLength">Length (m) of the composite covered by non-missing values.</param>
/// <param name="Code">The code of the run the composite belongs to (0 when not breaking on codes).</param>
public readonly record struct Composite(double From, double To, double Value, double CoveredLength, int Code)
{
    /// <summary>Mid depth (m), where the composite's sample sits.</summary>
    public double Mid => 0.5 * (From + To);
}

/// <summary>What happens to the short piece left at the end of a hole (or of a code run).</summary>
public enum ResidualPolicy
{
    /// <summary>Kept as a composite when at least half a composite long, else dropped (and counted). The default.</summary>
    DropIfShorterThanHalf,

    /// <summary>Merged into the composite above it, which becomes longer.</summary>
    MergeWithPrevious,

    /// <summary>Kept as a short composite, whatever its length.</summary>
    Keep,
}

/// <summary>Options of fixed-length downhole compositing.</summary>
public sealed record CompositingOptions
{
    /// <summary>Composite length (m), 2 by default.</summary>
    public double Length { get; init; } = 2;

    /// <summary>Fewest covered metres, as a fraction of the composite's length, for the composite to get a value; 0.5 by default.</summary>
    public double MinimumCoverage { get; init; } = 0.5;

    /// <summary>The short residual's fate.</summary>
    public ResidualPolicy Residual { get; init; } = ResidualPolicy.DropIfShorterThanHalf;

    /// <summary>Start a new composite wherever the interval code changes (domain or lithology boundaries).</summary>
    public bool BreakOnCodeChange { get; init; }
}

/// <summary>The composites of one hole and what compositing left out.</summary>
/// <param name="Composites">The composites, top down.</param>
/// <param name="DroppedResiduals">Residual pieces dropped under <see cref="ResidualPolicy.DropIfShorterThanHalf"/>.</param>
/// <param name="BelowCoverage">Composites whose value is missing because too little of them was assayed.</param>
/// <param name="InGaps">Composite windows lying wholly inside gaps between intervals: no interval was logged there, so no composite is made.</param>
public sealed record CompositingResult(IReadOnlyList<Composite> Composites, int DroppedResiduals, int BelowCoverage, int InGaps = 0);

/// <summary>Fixed-length downhole compositing with length weighting.</summary>
public static class Compositor
{
    /// <summary>Composites the intervals of one hole.</summary>
    /// <param name="intervals">The hole's intervals, sorted by depth, not overlapping (gaps are allowed and count as unsampled).</param>
    /// <param name="options">Length, coverage rule, residual policy, code breaks.</param>
    /// <exception cref="ArgumentException">An interval has from ≥ to, or intervals overlap or are unsorted.</exception>
    public static CompositingResult Composite(IReadOnlyList<AssayInterval> intervals, CompositingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        options ??= new CompositingOptions();
        if (!(options.Length > 0) || !double.IsFinite(options.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Length, "The composite length must be finite and positive.");
        }

        for (int i = 0; i < intervals.Count; i++)
        {
            if (!(intervals[i].To > intervals[i].From))
            {
                throw new ArgumentException($"Interval {i} has from {intervals[i].From} ≥ to {intervals[i].To}.", nameof(intervals));
            }

            if (i > 0 && intervals[i].From < intervals[i - 1].To)
            {
                throw new ArgumentException($"Interval {i} (from {intervals[i].From}) overlaps or precedes interval {i - 1} (to {intervals[i - 1].To}).", nameof(intervals));
            }
        }

        var composites = new List<Composite>();
        int dropped = 0, belowCoverage = 0, inGaps = 0;
        int start = 0;
        while (start < intervals.Count)
        {
            // A run: the whole hole, or consecutive intervals of one code.
            int end = start + 1;
            while (end < intervals.Count && (!options.BreakOnCodeChange || intervals[end].Code == intervals[start].Code))
            {
                end++;
            }

            (int d, int b, int g) = CompositeRun(intervals, start, end, options, composites);
            dropped += d;
            belowCoverage += b;
            inGaps += g;
            start = end;
        }

        return new CompositingResult(composites, dropped, belowCoverage, inGaps);
    }

    private static (int Dropped, int BelowCoverage, int InGaps) CompositeRun(IReadOnlyList<AssayInterval> intervals, int first, int end, CompositingOptions options, List<Composite> output)
    {
        double top = intervals[first].From, bottom = intervals[end - 1].To, length = options.Length;
        int code = options.BreakOnCodeChange ? intervals[first].Code : 0;
        var windows = new List<(double From, double To)>();
        for (double from = top; from < bottom - 1e-9; from += length)
        {
            windows.Add((from, Math.Min(from + length, bottom)));
        }

        int dropped = 0;
        double residual = windows[^1].To - windows[^1].From;
        if (residual < length - 1e-9)
        {
            switch (options.Residual)
            {
                case ResidualPolicy.DropIfShorterThanHalf when residual < 0.5 * length:
                    windows.RemoveAt(windows.Count - 1);
                    dropped = 1;
                    break;
                case ResidualPolicy.MergeWithPrevious when windows.Count > 1:
                    windows[^2] = (windows[^2].From, windows[^1].To);
                    windows.RemoveAt(windows.Count - 1);
                    break;
            }
        }

        int belowCoverage = 0, inGaps = 0;
        int next = first;
        foreach ((double from, double to) in windows)
        {
            double covered = 0, weighted = 0;
            bool logged = false;
            while (next < end && intervals[next].To <= from)
            {
                next++;
            }

            for (int i = next; i < end && intervals[i].From < to; i++)
            {
                double overlap = Math.Min(to, intervals[i].To) - Math.Max(from, intervals[i].From);
                logged |= overlap > 0;
                if (overlap > 0 && !double.IsNaN(intervals[i].Value))
                {
                    covered += overlap;
                    weighted += overlap * intervals[i].Value;
                }
            }

            if (!logged)
            {
                inGaps++;
                continue;
            }

            bool enough = covered > 0 && covered >= options.MinimumCoverage * (to - from) - 1e-12;
            belowCoverage += enough ? 0 : 1;
            output.Add(new Composite(from, to, enough ? weighted / covered : double.NaN, covered, code));
        }

        return (dropped, belowCoverage, inGaps);
    }
}
