using DepositTwin.Drillholes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Drillholes;

public class CompositorTests
{
    [Fact]
    public void Composites_are_length_weighted_over_the_assayed_parts()
    {
        AssayInterval[] intervals = [new(0, 1, 1.0), new(1, 3, 2.0), new(3, 4, double.NaN), new(4, 5, 4.0)];
        CompositingResult result = Compositor.Composite(intervals);
        Assert.Equal(3, result.Composites.Count);
        Assert.Equal(new Composite(0, 2, 1.5, 2, 0), result.Composites[0]);
        Assert.Equal(new Composite(2, 4, 2.0, 1, 0), result.Composites[1]); // half covered: just enough
        Assert.Equal(new Composite(4, 5, 4.0, 1, 0), result.Composites[2]); // a residual of exactly half is kept
        Assert.Equal(0, result.DroppedResiduals);
    }

    [Fact]
    public void Short_residuals_are_dropped_and_counted_or_merged()
    {
        AssayInterval[] intervals = [new(10, 14.5, 1.0)];
        CompositingResult dropped = Compositor.Composite(intervals);
        Assert.Equal(2, dropped.Composites.Count);
        Assert.Equal(1, dropped.DroppedResiduals);
        CompositingResult merged = Compositor.Composite(intervals, new CompositingOptions { Residual = ResidualPolicy.MergeWithPrevious });
        Assert.Equal(new Composite(12, 14.5, 1.0, 2.5, 0), merged.Composites[^1]);
    }

    [Fact]
    public void Too_little_coverage_leaves_the_composite_missing_and_counted()
    {
        CompositingResult result = Compositor.Composite([new(0, 0.5, 3.0), new(0.5, 2, double.NaN)]);
        Assert.True(double.IsNaN(result.Composites[0].Value));
        Assert.Equal(0.5, result.Composites[0].CoveredLength);
        Assert.Equal(1, result.BelowCoverage);
    }

    [Fact]
    public void Windows_wholly_inside_a_gap_make_no_composite_and_are_counted()
    {
        CompositingResult result = Compositor.Composite([new(0, 2, 1.0), new(10, 12, 3.0)]);
        Assert.Equal([(0.0, 2.0), (10.0, 12.0)], result.Composites.Select(c => (c.From, c.To)));
        Assert.Equal(4, result.InGaps);
        Assert.Equal(0, result.BelowCoverage);
    }

    [Fact]
    public void Composites_can_break_at_domain_changes()
    {
        AssayInterval[] intervals = [new(0, 3, 1.0, Code: 1), new(3, 7, 2.0, Code: 2)];
        CompositingResult result = Compositor.Composite(intervals, new CompositingOptions { BreakOnCodeChange = true, Residual = ResidualPolicy.Keep });
        Assert.Equal(new[] { (0.0, 2.0, 1), (2, 3, 1), (3, 5, 2), (5, 7, 2) }, result.Composites.Select(c => (c.From, c.To, c.Code)));
        Assert.All(result.Composites, c => Assert.Equal(c.Code, c.Value));
    }

    [Fact]
    public void Overlapping_or_inverted_intervals_are_rejected()
    {
        Assert.Contains("overlaps", Assert.Throws<ArgumentException>(() => Compositor.Composite([new(0, 2, 1), new(1.5, 3, 1)])).Message);
        Assert.Throws<ArgumentException>(() => Compositor.Composite([new(2, 2, 1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Compositor.Composite([new(0, 2, 1)], new CompositingOptions { Length = 0 }));
    }

    private static Arbitrary<AssayInterval[]> Holes =>
        (from count in Gen.Choose(1, 30)
         from lengths in Gen.ArrayOf(Gen.Choose(1, 40), count)
         from gaps in Gen.ArrayOf(Gen.Choose(0, 3), count)
         from values in Gen.ArrayOf(Gen.Choose(-1, 500), count)
         select Build(lengths, gaps, values)).ToArbitrary();

    private static AssayInterval[] Build(int[] lengths, int[] gaps, int[] values)
    {
        var intervals = new AssayInterval[lengths.Length];
        double depth = 3.7;
        for (int i = 0; i < intervals.Length; i++)
        {
            depth += gaps[i] == 3 ? 0.8 : 0; // an occasional unsampled gap
            double to = depth + lengths[i] / 10.0;
            intervals[i] = new AssayInterval(depth, to, values[i] < 0 ? double.NaN : values[i] / 100.0, Code: i % 3);
            depth = to;
        }

        return intervals;
    }

    [Property(MaxTest = 300)]
    public Property Grade_times_covered_length_is_conserved_when_nothing_is_dropped() =>
        Prop.ForAll(Holes, Gen.Elements(ResidualPolicy.Keep, ResidualPolicy.MergeWithPrevious).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(),
            (intervals, residual, breakOnCodes) =>
            {
                var options = new CompositingOptions { Length = 1.5, MinimumCoverage = 0, Residual = residual, BreakOnCodeChange = breakOnCodes };
                CompositingResult result = Compositor.Composite(intervals, options);
                double before = intervals.Where(i => !double.IsNaN(i.Value)).Sum(i => i.Value * i.Length);
                double after = result.Composites.Where(c => c.CoveredLength > 0).Sum(c => c.Value * c.CoveredLength);
                Assert.Equal(before, after, 1e-9 * Math.Max(1, before));
                double covered = intervals.Where(i => !double.IsNaN(i.Value)).Sum(i => i.Length);
                Assert.Equal(covered, result.Composites.Sum(c => c.CoveredLength), 1e-9);
            });
}
