using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.Estimation;

/// <summary>
/// Re-estimation of only the blocks new or changed samples can reach, with results identical to a full
/// re-estimation: a sample outside every pass's search ellipsoid around a block's centre can never be one
/// of its neighbours (nor change which are chosen, the octant and per-hole rules or the pass that succeeds),
/// and any set of blocks estimates exactly as in a whole-model run.
/// </summary>
/// <remarks>
/// Keep old samples in their order and append new ones: ties between equidistant samples go to the lower
/// index, so reordering the old samples could change a tie anywhere.
/// </remarks>
public static class IncrementalEstimation
{
    /// <summary>The blocks with at least one of <paramref name="changed"/> inside the search ellipsoid of some pass, centred on the block.</summary>
    public static BlockSelection BlocksReachedBy(BlockModel model, EstimationPlan plan, IReadOnlyList<Point3> changed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(changed);
        var reached = new bool[model.Count];
        foreach (Point3 sample in changed)
        {
            foreach (var pass in plan.Passes)
            {
                Ellipsoid e = pass.Ellipsoid;
                Point3 half = e.BoundingHalfExtents();
                BoundingBox all = model.Grid.Extent;
                if (half.X >= all.Max.X - all.Min.X && half.Y >= all.Max.Y - all.Min.Y && half.Z >= all.Max.Z - all.Min.Z)
                {
                    return model.All; // a search wider than the model (nearest n anywhere) reaches every block
                }

                foreach (int block in model.Grid.BlocksInExtent(new BoundingBox(sample - half, sample + half)))
                {
                    int row = model.RowOf(block);
                    // The ellipsoid is symmetric: the sample inside the block's ellipsoid is the block centre inside the sample's.
                    if (row >= 0 && !reached[row] && e.Contains(model.Centroid(row), sample))
                    {
                        reached[row] = true;
                    }
                }
            }
        }

        return model.Where(reached);
    }

    /// <summary>
    /// Re-estimates the blocks the changed samples reach, writing the same outputs as
    /// <see cref="BlockEstimator.Estimate"/>; returns the report and the blocks re-estimated.
    /// </summary>
    /// <param name="model">The block model holding the previous estimate.</param>
    /// <param name="samples">All samples now (old ones first, in their old order, then the new).</param>
    /// <param name="variable">The sample column.</param>
    /// <param name="plan">The same plan as the previous estimate.</param>
    /// <param name="outputName">The estimate's attribute name.</param>
    /// <param name="changed">Locations of samples added, removed or changed since the previous estimate.</param>
    /// <param name="progress">Progress of the re-estimation.</param>
    /// <param name="cancellationToken">Stops it (blocks already written keep their new values: re-run to finish).</param>
    public static (EstimationReport Report, BlockSelection Blocks) Update(BlockModel model, SampleSet samples, string variable, EstimationPlan plan,
        string outputName, IReadOnlyList<Point3> changed, IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        BlockSelection blocks = BlocksReachedBy(model, plan, changed);
        EstimationReport report = BlockEstimator.Estimate(model, samples, variable, plan, outputName, blocks, progress, cancellationToken);
        return (report, blocks);
    }
}
