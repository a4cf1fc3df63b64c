using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.Tests.Estimation;

public class EstimationMemoryTests
{
    private static readonly SampleSet Samples = DepositTwin.Benchmarks.SyntheticDrilling.Samples(); // 3,000 samples down 150 holes over 500 × 500 × 200 m

    /// <summary>
    /// Working memory is O(samples + threads): a run over 16 times as many blocks, inside the same drilling, allocates
    /// no more (the output columns exist before it; the memory diagnoser's 1–2 bytes per block at 1M blocks are the
    /// fixed setup spread over them). A tile order or any buffer kept per block would add 4 bytes or more per block.
    /// </summary>
    [Theory]
    [InlineData(EstimationMethod.InverseDistance)]
    [InlineData(EstimationMethod.OrdinaryKriging)]
    public void A_run_allocates_nothing_per_block(EstimationMethod method)
    {
        var plan = new EstimationPlan(method, new SearchNeighbourhood(Ellipsoid.FromGslib(120, 0, 0, 0, 1, 0.5), 2, 16))
        {
            Variogram = new VariogramModel(0.1, new VariogramStructure(StructureType.Spherical, 0.9, Ellipsoid.FromGslib(150, 0, 0, 0, 1, 0.5))),
            MaxDegreeOfParallelism = 1,
        };
        // The same blocks (5 m) and so the same tiles in metres, 2,048 of them against 32,768: 4 bytes more per block would be 120 KB.
        long small = Allocated(plan, 16, 16, 8), large = Allocated(plan, 64, 64, 8);
        Assert.InRange(large - small, -16 * 1024, 16 * 1024);
    }

    /// <summary>Bytes the calling thread allocates in a second run over a grid of the given size, the whole run being on that thread.</summary>
    private static long Allocated(EstimationPlan plan, int ni, int nj, int nk)
    {
        var model = new BlockModel(new GridDefinition(new Point3(50, 50, 100), new Point3(5, 5, 5), ni, nj, nk));
        BlockEstimator.Estimate(model, Samples, "cu", plan); // creates the output columns
        var threads = new ThreadRecorder();
        long before = GC.GetAllocatedBytesForCurrentThread();
        EstimationReport report = BlockEstimator.Estimate(model, Samples, "cu", plan, progress: threads);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, report.Unestimated);
        Assert.Equal([Environment.CurrentManagedThreadId], threads.Seen); // else another thread's allocations would go uncounted
        return bytes;
    }

    /// <summary>Records which threads report progress (the loop's body reports once per tile); allocates nothing for the calling thread.</summary>
    private sealed class ThreadRecorder : IProgress<WorkProgress>
    {
        public HashSet<int> Seen { get; } = [Environment.CurrentManagedThreadId];

        public void Report(WorkProgress value)
        {
            lock (Seen)
            {
                Seen.Add(Environment.CurrentManagedThreadId);
            }
        }
    }
}
