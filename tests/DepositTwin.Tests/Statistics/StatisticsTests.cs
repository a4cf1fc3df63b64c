using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Statistics;

public class StatisticsTests
{
    [Fact]
    public void Summary_statistics_by_hand()
    {
        SummaryStatistics s = SummaryStatistics.Compute([3, double.NaN, 1, 4, 2]);
        Assert.Equal((4, 1), (s.Count, s.Missing));
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(1.25, s.Variance);             // population variance, as GSLIB
        Assert.Equal((1.0, 1.5, 2.5, 3.5, 4.0), (s.Minimum, s.LowerQuartile, s.Median, s.UpperQuartile, s.Maximum)); // Hazen
        Assert.Equal(Math.Sqrt(1.25) / 2.5, s.CoefficientOfVariation, 1e-15);

        SummaryStatistics w = SummaryStatistics.Compute([1, 2, 3, 4], [1, 1, 1, 3]);
        Assert.Equal(3.0, w.Mean);
        Assert.Equal((4 + 1 + 0 + 3) / 6.0, w.Variance, 1e-15);
        Assert.Throws<ArgumentException>(() => SummaryStatistics.Compute([1, 2], [1, -1]));
    }

    [Property(MaxTest = 100)]
    public Property Statistics_do_not_depend_on_the_order_of_the_samples() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-1000, 1000).Select(i => i / 7.0), 40).ToArbitrary(), Gen.Choose(0, 1000).ToArbitrary(), (values, seed) =>
        {
            double[] shuffled = values.OrderBy(_ => new Random(seed).Next()).ToArray();
            new Random(seed).Shuffle(shuffled);
            double[] weights = values.Select((v, i) => 1 + Math.Abs(v) % 3).ToArray();
            double[] shuffledWeights = shuffled.Select(v => 1 + Math.Abs(v) % 3).ToArray();
            return SummaryStatistics.Compute(values, weights) == SummaryStatistics.Compute(shuffled, shuffledWeights);
        });

    [Fact]
    public void Statistics_are_given_per_domain()
    {
        var samples = new SampleSet([new(0, 0, 0), new(1, 0, 0), new(2, 0, 0), new(3, 0, 0)],
            new Dictionary<string, double[]> { ["cu"] = [1, 2, 10, 20] }, domains: [1, 1, 2, SampleSet.NoDomain]);
        IReadOnlyDictionary<int, SummaryStatistics> byDomain = SummaryStatistics.ByDomain(samples, "cu");
        Assert.Equal([SampleSet.NoDomain, 1, 2], byDomain.Keys);
        Assert.Equal(1.5, byDomain[1].Mean);
        Assert.Equal(10, byDomain[2].Mean);
    }

    [Fact]
    public void Cell_weights_by_hand_share_each_cell_equally()
    {
        // Two samples in one 100 m cell, one in another: each cell carries 3/2, shared by its samples.
        DeclusteringResult r = CellDeclustering.Compute([new(10, 10, 0), new(20, 10, 0), new(150, 10, 0), new(5, 5, 5)], [1, 1, 4, double.NaN],
            new CellDeclusteringOptions { MinimumCellSize = 100, MaximumCellSize = 100, CellSizeCount = 1, OriginOffsets = 1 });
        Assert.Equal([0.75, 0.75, 1.5, 0], r.Weights);
        Assert.Equal((1 + 1 + 4) / 3.0, r.NaiveMean, 1e-15);
        Assert.Equal((0.75 + 0.75 + 6) / 3, r.DeclusteredMean, 1e-15);
        Assert.Equal(1, r.Missing);
    }

    [Fact]
    public void Declustering_finds_the_drill_spacing_and_removes_the_high_grade_cluster()
    {
        // A 100 m pattern of 1 % holes plus 40 infill holes around one 5 % hole.
        var random = new Random(3);
        var p = new List<Point3>();
        var v = new List<double>();
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                p.Add(new Point3(50 + i * 100, 50 + j * 100, 0));
                v.Add(i == 4 && j == 4 ? 5 : 1);
            }
        }

        for (int k = 0; k < 40; k++)
        {
            p.Add(new Point3(450 + random.NextDouble() * 20 - 10, 450 + random.NextDouble() * 20 - 10, 0));
            v.Add(5);
        }

        DeclusteringResult r = CellDeclustering.Compute(p.ToArray(), v.ToArray(),
            new CellDeclusteringOptions { MinimumCellSize = 10, MaximumCellSize = 300, CellSizeCount = 30, AnisotropyZ = 100 });
        Assert.Equal((99 + 41 * 5) / 140.0, r.NaiveMean, 1e-12);
        Assert.True(r.DeclusteredMean < 1.1, r.ToString());          // the true areal mean is 1.04
        Assert.InRange(r.CellSize, 80, 200);
        Assert.Equal(r.Weights.Length, r.Weights.Sum(), 1e-9);          // weights have mean 1
        Assert.Equal(30, r.Trials.Count);
        Assert.Equal(r.DeclusteredMean, r.Trials.Min(t => t.Mean));
    }

    [Fact]
    public void Top_cut_by_value_and_by_percentile_reports_what_it_cut()
    {
        double[] grades = [1, 2, 3, 50, double.NaN, 4];
        TopCutResult cut = TopCut.ByValue(grades, 10);
        Assert.Equal([3], cut.CutIndices);
        Assert.Equal([1, 2, 3, 10, double.NaN, 4], cut.Values);
        Assert.Equal(12.0, cut.MeanBefore);
        Assert.Equal(4.0, cut.MeanAfter);
        Assert.Equal(40 / 60.0, cut.MetalRemoved, 1e-15);

        TopCutResult p = TopCut.ByPercentile(Enumerable.Range(1, 100).Select(i => (double)i).ToArray(), 95);
        Assert.Equal(95.5, p.Cap, 1e-12);
        Assert.Equal(5, p.CutCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => TopCut.ByPercentile(grades, 0));

        var samples = SampleSet.Of([new(0, 0, 0), new(1, 0, 0), new(2, 0, 0), new(3, 0, 0), new(4, 0, 0), new(5, 0, 0)], "au", grades);
        Assert.Equal(10, samples.WithColumn("au_cut", cut.Values).Values("au_cut")[3]);
    }

    [Fact]
    public void Histogram_and_probability_plot_data()
    {
        double[] v = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, double.NaN, 0];
        IReadOnlyList<HistogramBin> h = DistributionPlots.Histogram(v, 4, default, logarithmic: false, out int leftOut);
        Assert.Equal(0, leftOut);
        Assert.Equal([1, 1, 2, 3 + 4], h.Select(b => b.Count));   // bins of width 1 from 0 to 4; the last includes its upper edge
        Assert.Equal(1.0, h[^1].Cumulative, 1e-15);

        IReadOnlyList<HistogramBin> log = DistributionPlots.Histogram(v, 2, default, logarithmic: true, out leftOut);
        Assert.Equal(1, leftOut);                                  // the zero
        Assert.Equal(1, log[0].Lower, 1e-12);
        Assert.Equal(4, log[^1].Upper, 1e-12);

        IReadOnlyList<ProbabilityPoint> pp = DistributionPlots.ProbabilityPlot([5, 1, 3]);
        Assert.Equal([1.0, 3, 5], pp.Select(q => q.Value));
        Assert.Equal(0.5, pp[1].Probability, 1e-15);
        Assert.Equal(0, pp[1].NormalScore, 1e-12);
        Assert.Equal(-pp[0].NormalScore, pp[2].NormalScore, 1e-12);
    }
}
