using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;

namespace DepositTwin.Estimation;

/// <summary>
/// Estimates the blocks of a <see cref="BlockModel"/> from samples and writes the results as attributes.
/// </summary>
/// <remarks>
/// For an output name <c>p</c> the attributes are: <c>p</c> (estimate), <c>p_var</c> (kriging variance),
/// <c>p_n</c> (samples), <c>p_holes</c> (drillholes), <c>p_dnear</c> and <c>p_davg</c> (Euclidean distance
/// to the nearest sample and mean distance, m), <c>p_sumw</c> and <c>p_sumneg</c> (sum of weights, of
/// negative weights), <c>p_lagrange</c> (μ), <c>p_slope</c> (slope of regression), <c>p_ke</c> (kriging
/// efficiency) and <c>p_pass</c> (pass number, missing when unestimated). Existing attributes of those
/// names are overwritten on the blocks estimated, so a tile or an update can be estimated on its own and
/// gives the same values as a whole-model run.
/// </remarks>
public static class BlockEstimator
{
    /// <summary>The suffixes of the attributes written, after the output name.</summary>
    public static IReadOnlyList<string> AttributeSuffixes { get; } =
        ["", "_var", "_n", "_holes", "_dnear", "_davg", "_sumw", "_sumneg", "_lagrange", "_slope", "_ke", "_pass"];

    /// <summary>Estimates blocks and writes the results into the model.</summary>
    /// <param name="model">The block model.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="variable">The sample column to estimate.</param>
    /// <param name="plan">Estimator, variogram, discretisation and search passes.</param>
    /// <param name="outputName">Name of the estimate attribute (and prefix of the others); the variable's name by default.</param>
    /// <param name="blocks">The blocks to estimate; all active blocks by default.</param>
    /// <param name="progress">Receives progress in blocks.</param>
    /// <param name="cancellationToken">Stops the run between chunks of blocks; blocks already written keep their values.</param>
    /// <returns>The run report.</returns>
    public static EstimationReport Estimate(BlockModel model, SampleSet samples, string variable, EstimationPlan plan,
        string? outputName = null, BlockSelection? blocks = null, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        GridDefinition grid = model.Grid;
        Point3 origin = grid.ToWorld(Point3.Zero);
        Point3[] offsets = plan.Discretisation.Offsets(grid.BlockSize).Select(o => grid.ToWorld(o) - origin).ToArray();
        var engine = new EstimationEngine(samples, variable, plan, offsets);
        blocks ??= model.All;
        if (!ReferenceEquals(blocks.Model, model))
        {
            throw new ArgumentException("The selection belongs to another block model.", nameof(blocks));
        }

        var outputs = new Outputs(model, outputName ?? variable);
        BlockSelection selection = blocks;
        var gridSize = new BlockIndex(grid.CountX, grid.CountY, grid.CountZ);
        return engine.Run(selection.Count, t => model.Centroid(selection[t]), (int t, in BlockEstimate e) => outputs.Write(selection[t], e), null, progress, cancellationToken,
            threads => WholeGrid(model, selection)
                ? TargetTiles.WholeGrid(gridSize, EstimationEngine.GridTile)
                : TargetTiles.Grid(selection.Count, t => model.IndexOf(selection[t]), gridSize, EstimationEngine.GridTile, threads));
    }

    /// <summary>Whether the selection is every block of the grid in linear order (row t is block t).</summary>
    private static bool WholeGrid(BlockModel model, BlockSelection selection) =>
        model.IsFull && selection.IsContiguous && selection.Count == model.Count && (selection.Count == 0 || selection[0] == 0);

    /// <summary>The output columns, created (or reused) once before the run.</summary>
    private sealed class Outputs
    {
        private readonly DoubleAttribute _estimate, _variance, _nearest, _average, _sumW, _sumNegative, _lagrange, _slope, _efficiency;
        private readonly IntegerAttribute _samples, _holes, _pass;

        public Outputs(BlockModel model, string name)
        {
            DoubleAttribute D(string suffix, string unit, string description) =>
                model.Contains(name + suffix) ? model.GetDouble(name + suffix) : model.AddDouble(name + suffix, unit, description);
            IntegerAttribute I(string suffix, string description) =>
                model.Contains(name + suffix) ? model.GetInteger(name + suffix) : model.AddInteger(name + suffix, "", description);
            _estimate = D("", "", "estimate");
            _variance = D("_var", "", "kriging variance");
            _samples = I("_n", "samples used");
            _holes = I("_holes", "drillholes used");
            _nearest = D("_dnear", "m", "distance to the nearest sample");
            _average = D("_davg", "m", "mean distance to the samples");
            _sumW = D("_sumw", "", "sum of weights");
            _sumNegative = D("_sumneg", "", "sum of negative weights");
            _lagrange = D("_lagrange", "", "Lagrange multiplier");
            _slope = D("_slope", "", "slope of regression");
            _efficiency = D("_ke", "", "kriging efficiency");
            _pass = I("_pass", "estimation pass");
        }

        public void Write(int row, in BlockEstimate e)
        {
            _estimate[row] = e.Estimate;
            _variance[row] = e.Variance;
            _samples[row] = e.Samples;
            _holes[row] = e.Holes;
            _nearest[row] = e.NearestDistance;
            _average[row] = e.AverageDistance;
            _sumW[row] = e.SumOfWeights;
            _sumNegative[row] = e.SumOfNegativeWeights;
            _lagrange[row] = e.Lagrange;
            _slope[row] = e.SlopeOfRegression;
            _efficiency[row] = e.KrigingEfficiency;
            _pass[row] = e.IsEstimated ? e.Pass : IntegerAttribute.Missing;
        }
    }
}

/// <summary>Estimates at arbitrary points (point support), with the same engine as blocks.</summary>
public static class PointEstimator
{
    /// <summary>Estimates at each target point.</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="variable">The sample column to estimate.</param>
    /// <param name="plan">The plan; its discretisation is ignored (point support).</param>
    /// <param name="targets">The points.</param>
    /// <param name="report">The run report.</param>
    /// <param name="progress">Receives progress in points.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static BlockEstimate[] Estimate(SampleSet samples, string variable, EstimationPlan plan, IReadOnlyList<Point3> targets,
        out EstimationReport report, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var engine = new EstimationEngine(samples, variable, plan, [Point3.Zero]);
        var results = new BlockEstimate[targets.Count];
        report = engine.Run(targets.Count, t => targets[t], (int t, in BlockEstimate e) => results[t] = e, null, progress, cancellationToken);
        return results;
    }

    /// <summary>
    /// Estimates at each target point with blocks of the given size centred on them, discretised as the
    /// plan says (block kriging at arbitrary centres, as gstat's <c>block</c> argument).
    /// </summary>
    public static BlockEstimate[] EstimateBlocks(SampleSet samples, string variable, EstimationPlan plan, IReadOnlyList<Point3> centres,
        Point3 blockSize, out EstimationReport report, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(centres);
        var engine = new EstimationEngine(samples, variable, plan, plan.Discretisation.Offsets(blockSize));
        var results = new BlockEstimate[centres.Count];
        report = engine.Run(centres.Count, t => centres[t], (int t, in BlockEstimate e) => results[t] = e, null, progress, cancellationToken);
        return results;
    }
}
