using BenchmarkDotNet.Attributes;
using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Twin;
using DepositTwin.Variography;

namespace DepositTwin.Benchmarks.Twin;

/// <summary>
/// Ingesting 100 blast-hole samples (a 10 × 10 pattern, 5 m apart, on one bench) into a 1,000,000-block twin
/// and re-estimating the grade-control model where they reach; in memory, and committed to SQLite.
/// </summary>
[MemoryDiagnoser]
public class TwinBenchmarks
{
    private MineTwin _memory = null!, _stored = null!;
    private string _store = "";
    private int _batch;

    private static readonly TwinSettings Settings = new("cu", new EstimationPlan(EstimationMethod.OrdinaryKriging,
        new SearchNeighbourhood(Ellipsoid.FromGslib(60, 30, 0, 0, 0.8, 0.5), minSamples: 4, maxSamples: 16) { MaxPerHole = 4 })
    {
        Variogram = new VariogramModel(0.002, new VariogramStructure(StructureType.Spherical, 0.02, Ellipsoid.FromGslib(150, 30, 0, 0, 0.8, 0.5))),
    }, CutOff: 0.5);

    [GlobalSetup]
    public void Setup()
    {
        BlockModel Model()
        {
            var model = new BlockModel(SyntheticDrilling.Grid);
            DensityModel.Constant(2.6).WriteTonnes(model);
            return model;
        }

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _memory = MineTwin.Create(Model(), SyntheticDrilling.Samples(), Settings, start);
        _store = Path.Combine(Path.GetTempPath(), $"twin-bench-{Environment.ProcessId}.db");
        File.Delete(_store);
        _stored = MineTwin.Create(Model(), SyntheticDrilling.Samples(), Settings, start, _store);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        File.Delete(_store);
        File.Delete(_store + "-wal");
        File.Delete(_store + "-shm");
    }

    private NewSamples Batch(MineTwin twin)
    {
        // Each batch on a new patch and a new hole range, a minute after the last.
        int b = _batch++;
        double x0 = 50 + 47 * (b % 8), y0 = 50 + 53 * (b / 8 % 8), z = 101 + 2 * (b % 40);
        var xyz = new List<Point3>();
        for (int i = 0; i < 10; i++)
        {
            for (int j = 0; j < 10; j++)
            {
                xyz.Add(new Point3(x0 + 5 * i, y0 + 5 * j, z));
            }
        }

        var samples = SampleSet.Of(xyz, "cu", xyz.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 70)).ToArray(), Enumerable.Range(1_000_000 + 100 * b, 100).ToArray());
        return new NewSamples(twin.Current.Timestamp.AddMinutes(1), "100 blast holes", SampleSource.BlastHoles, samples);
    }

    [Benchmark(Baseline = true, Description = "100 blast holes into 1M blocks (in memory)")]
    public int InMemory() => _memory.Apply(Batch(_memory)).Version.BlocksChanged;

    [Benchmark(Description = "100 blast holes into 1M blocks (committed to SQLite)")]
    public int Stored() => _stored.Apply(Batch(_stored)).Version.BlocksChanged;
}
