using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Tests.Reference;

namespace DepositTwin.Tests.Estimation;

/// <summary>Agreement with R gstat 2.1 on meuse: OK, SK, IDW, block OK and cross-validation, to ~1e-9.</summary>
public class MeuseEstimationTests
{
    private const double Tolerance = 1e-9;
    private const double SkMean = 5.885775852175;

    private static SampleSet Samples => SampleSet.Of(Meuse.Points, "logzinc", Meuse.LogZinc);

    private static SearchNeighbourhood Neighbourhood(string scope) =>
        scope == "global" ? SearchNeighbourhood.Nearest(Meuse.Points.Length) : SearchNeighbourhood.Nearest(20);

    /// <summary>
    /// Nodes where the 20th and 21st nearest samples are at exactly the same distance (3 of 3103). Which of
    /// the two gstat takes follows from its search-tree order; we take the lower sample index. At these
    /// nodes the test accepts either choice: it re-estimates with the other tied sample instead.
    /// </summary>
    private static Dictionary<int, int> TiesAtTheTwentieth()
    {
        var ties = new Dictionary<int, int>();
        Point3[] grid = MeuseModels.Grid;
        for (int k = 0; k < grid.Length; k++)
        {
            var sorted = Meuse.Points.Select((p, i) => (D: p.DistanceTo(grid[k]), I: i)).OrderBy(t => t.D).ThenBy(t => t.I).ToArray();
            if (sorted[19].D == sorted[20].D)
            {
                ties[k] = sorted[19].I; // the sample we take and gstat may not
            }
        }

        return ties;
    }

    private static void AssertMatches(string file, BlockEstimate[] ours, bool withVariance, Func<SampleSet, int, BlockEstimate>? estimateWith = null)
    {
        var expected = ReferenceData.Csv("meuse", file);
        Assert.Equal(expected.Count, ours.Length);
        if (estimateWith is not null)
        {
            Dictionary<int, int> ties = TiesAtTheTwentieth();
            Assert.Equal([920, 957, 1076], ties.Keys.Order());
            ours = (BlockEstimate[])ours.Clone();
            foreach ((int node, int taken) in ties)
            {
                var others = SampleSet.Of(Meuse.Points.Where((_, i) => i != taken).ToArray(), "logzinc", Meuse.LogZinc.Where((_, i) => i != taken).ToArray());
                BlockEstimate alternative = estimateWith(others, node);
                if (Math.Abs(alternative.Estimate - expected[node].Number("pred")) < Math.Abs(ours[node].Estimate - expected[node].Number("pred")))
                {
                    ours[node] = alternative;
                }
            }
        }

        for (int i = 0; i < ours.Length; i++)
        {
            double pred = expected[i].Number("pred");
            Assert.True(Math.Abs(pred - ours[i].Estimate) <= Tolerance * Math.Abs(pred), $"{file} node {i}: pred {pred} vs {ours[i].Estimate}");
            if (withVariance)
            {
                double variance = expected[i].Number("var");
                Assert.True(Math.Abs(variance - ours[i].Variance) <= Tolerance * variance, $"{file} node {i}: var {variance} vs {ours[i].Variance}");
            }
        }
    }

    [Theory]
    [InlineData("ok_global.csv", EstimationMethod.OrdinaryKriging, "global", "Sph")]
    [InlineData("ok_nmax20.csv", EstimationMethod.OrdinaryKriging, "nmax20", "Sph")]
    [InlineData("sk_global.csv", EstimationMethod.SimpleKriging, "global", "Sph")]
    [InlineData("sk_nmax20.csv", EstimationMethod.SimpleKriging, "nmax20", "Sph")]
    [InlineData("ok_exp_global.csv", EstimationMethod.OrdinaryKriging, "global", "Exp")]
    public void Point_kriging_matches_gstat(string file, EstimationMethod method, string scope, string model)
    {
        var plan = new EstimationPlan(method, Neighbourhood(scope)) { Variogram = MeuseModels.Gstat(model), Mean = SkMean };
        BlockEstimate[] ours = PointEstimator.Estimate(Samples, "logzinc", plan, MeuseModels.Grid, out EstimationReport report);
        Assert.Equal(0, report.Unestimated);
        AssertMatches(file, ours, withVariance: true, scope == "global" ? null : (others, node) =>
            PointEstimator.Estimate(others, "logzinc", plan, [MeuseModels.Grid[node]], out _)[0]);
    }

    [Theory]
    [InlineData("idw_p2_global.csv", "global")]
    [InlineData("idw_p2_nmax20.csv", "nmax20")]
    public void Inverse_distance_matches_gstat(string file, string scope)
    {
        var plan = new EstimationPlan(EstimationMethod.InverseDistance, Neighbourhood(scope)) { Power = 2 };
        AssertMatches(file, PointEstimator.Estimate(Samples, "logzinc", plan, MeuseModels.Grid, out _), withVariance: false, scope == "global" ? null : (others, node) =>
            PointEstimator.Estimate(others, "logzinc", plan, [MeuseModels.Grid[node]], out _)[0]);
    }

    [Theory]
    [InlineData("bok40_reg4x4_global.csv", "global")]
    [InlineData("bok40_reg4x4_nmax20.csv", "nmax20")]
    public void Block_kriging_with_4x4_discretisation_matches_gstat(string file, string scope)
    {
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, Neighbourhood(scope))
        {
            Variogram = MeuseModels.Gstat("Sph"),
            Discretisation = new BlockDiscretisation(4, 4, 1),
        };
        BlockEstimate[] ours = PointEstimator.EstimateBlocks(Samples, "logzinc", plan, MeuseModels.Grid, new Point3(40, 40, 1), out _);
        AssertMatches(file, ours, withVariance: true, scope == "global" ? null : (others, node) =>
            PointEstimator.EstimateBlocks(others, "logzinc", plan, [MeuseModels.Grid[node]], new Point3(40, 40, 1), out _)[0]);
    }

    [Fact]
    public void Block_kriging_on_a_block_model_matches_gstat_too()
    {
        // The meuse nodes lie on a 40 m lattice: a grid whose active blocks are the nodes.
        Point3[] nodes = MeuseModels.Grid;
        double minX = nodes.Min(p => p.X) - 20, minY = nodes.Min(p => p.Y) - 20;
        var grid = new GridDefinition(new Point3(minX, minY, -0.5), new Point3(40, 40, 1),
            (int)((nodes.Max(p => p.X) - minX) / 40) + 1, (int)((nodes.Max(p => p.Y) - minY) / 40) + 1, 1);
        int[] blockOfNode = nodes.Select(p => grid.TryFindBlock(p, out BlockIndex b) ? grid.LinearIndex(b) : -1).ToArray();
        var model = DepositTwin.BlockModels.BlockModel.WithActiveBlocks(grid, blockOfNode);
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, SearchNeighbourhood.Nearest(20))
        {
            Variogram = MeuseModels.Gstat("Sph"),
            Discretisation = new BlockDiscretisation(4, 4, 1),
        };
        BlockEstimator.Estimate(model, Samples, "logzinc", plan, "zn");
        BlockEstimate[] ours = blockOfNode.Select(b =>
        {
            int row = model.RowOf(b);
            return new BlockEstimate(model.GetDouble("zn")[row], model.GetDouble("zn_var")[row], 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
        }).ToArray();
        AssertMatches("bok40_reg4x4_nmax20.csv", ours, withVariance: true, (others, node) =>
            PointEstimator.EstimateBlocks(others, "logzinc", plan, [MeuseModels.Grid[node]], new Point3(40, 40, 1), out _)[0]);
        Assert.All(Enumerable.Range(0, model.Count), row => Assert.Equal(20, model.GetInteger("zn_n")[row]));
    }

    [Fact]
    public void Leave_one_out_matches_gstat_krige_cv()
    {
        var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging, SearchNeighbourhood.Nearest(20)) { Variogram = MeuseModels.Gstat("Sph") };
        CrossValidationResult cv = CrossValidation.Run(Samples, "logzinc", plan);
        var expected = ReferenceData.Csv("meuse", "cv_ok_nmax20.csv");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Number("pred"), cv.Points[i].Estimate, Tolerance * 10);
            Assert.Equal(expected[i].Number("var"), cv.Points[i].Variance, Tolerance);
            Assert.Equal(expected[i].Number("zscore"), cv.Points[i].StandardisedResidual, 1e-8);
        }

        var summary = ReferenceData.Csv("meuse", "cv_summary.csv").Single();
        Assert.Equal((int)summary.Number("n"), cv.Count);
        Assert.Equal(summary.Number("ME"), cv.MeanError, 1e-10);
        Assert.Equal(summary.Number("RMSE"), cv.RootMeanSquareError, 1e-10);
        Assert.Equal(summary.Number("MAE"), cv.MeanAbsoluteError, 1e-10);
        Assert.Equal(summary.Number("mean_zscore"), cv.MeanStandardisedError, 1e-9);
        Assert.Equal(summary.Number("var_zscore"), cv.VarianceOfStandardisedError, 1e-9);
        Assert.Equal(summary.Number("mean_zscore2"), cv.MeanSquaredStandardisedError, 1e-9);
        Assert.Equal(summary.Number("cor_obs_pred"), cv.Correlation, 1e-10);
    }
}
