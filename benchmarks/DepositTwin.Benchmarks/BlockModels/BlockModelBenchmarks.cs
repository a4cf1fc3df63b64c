using BenchmarkDotNet.Attributes;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;

namespace DepositTwin.Benchmarks.BlockModels;

/// <summary>
/// Column scans over a 10M-block model with 8 double attributes, and the cost of building such a model.
/// Scans report ns/block; the build reports its allocated bytes (the memory the model holds).
/// </summary>
[MemoryDiagnoser]
public class BlockModelBenchmarks
{
    private const int Blocks = 250 * 200 * 200;
    private static readonly GridDefinition Grid = new(new Point3(0, 0, 0), new Point3(10, 10, 5), 250, 200, 200);
    private BlockModel _model = null!;
    private BlockSelection _domain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = Build();
        DoubleAttribute cu = _model.GetDouble("grade0");
        var random = new Random(42);
        for (int row = 0; row < _model.Count; row++)
        {
            cu[row] = random.NextDouble();
        }

        IntegerAttribute domain = _model.AddInteger("domain", fill: 0);
        for (int row = 0; row < _model.Count; row += 3)
        {
            domain[row] = 1;
        }

        _domain = _model.WhereCode("domain", 1);
    }

    private static BlockModel Build()
    {
        var model = new BlockModel(Grid);
        for (int a = 0; a < 8; a++)
        {
            model.AddDouble($"grade{a}", "%");
        }

        return model;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Blocks, Description = "scan a column (span)")]
    public double ScanColumnSpan()
    {
        double sum = 0;
        foreach (double v in _model.GetDouble("grade0").Values)
        {
            sum += v;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Blocks, Description = "scan a column through a selection")]
    public double ScanColumnSelection()
    {
        DoubleAttribute cu = _model.GetDouble("grade0");
        double sum = 0;
        foreach (int row in _model.All)
        {
            sum += cu[row];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Blocks / 3, Description = "scan a domain (1 block in 3)")]
    public double ScanDomain()
    {
        DoubleAttribute cu = _model.GetDouble("grade0");
        double sum = 0;
        foreach (int row in _domain)
        {
            sum += cu[row];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Blocks, Description = "parallel write of a column")]
    public BlockModel ParallelWrite()
    {
        DoubleAttribute target = _model.GetDouble("grade1");
        DoubleAttribute source = _model.GetDouble("grade0");
        _model.All.ParallelFor(row => target[row] = 2 * source[row]);
        return _model;
    }

    [Benchmark(OperationsPerInvoke = Blocks, Description = "build 10M blocks × 8 doubles")]
    public BlockModel Build10MBlocks() => Build();
}
