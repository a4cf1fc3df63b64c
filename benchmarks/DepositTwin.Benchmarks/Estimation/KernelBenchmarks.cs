using BenchmarkDotNet.Attributes;
using DepositTwin.Estimation;
using DepositTwin.Estimation.Kernels;
using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Benchmarks.Estimation;

/// <summary>
/// The kriging kernel alone: build the covariances of n samples (nested anisotropic model), factor, and
/// solve ordinary kriging for a 4 × 4 × 2 block, on each kernel path. The scalar path is the baseline, so
/// every table shows the speed-up; CI gates on the Auto/Scalar ratio (benchmarks/baseline.json).
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private Point3[] _samples = [];
    private Point3[] _offsets = [];
    private KrigingSystem _scalar = null!, _v128 = null!, _v256 = null!, _v512 = null!, _auto = null!;
    private double _blockCovariance;

    [Params(8, 16, 32, 64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(N);
        _samples = Enumerable.Range(0, N).Select(_ => new Point3(500_000 + random.NextDouble() * 150, 2_900_000 + random.NextDouble() * 150, 1_000 + random.NextDouble() * 60)).ToArray();
        _offsets = new BlockDiscretisation(4, 4, 2).Offsets(new Point3(10, 10, 5));
        var model = new VariogramModel(0.01,
            new VariogramStructure(StructureType.Spherical, 0.03, Ellipsoid.FromGslib(80, 30, -10, 0, 0.6, 0.3)),
            new VariogramStructure(StructureType.Exponential, 0.02, Ellipsoid.FromGslib(250, 45, 0, 0, 0.8, 0.4)));
        _blockCovariance = model.AverageBlockCovariance(_offsets);
        KrigingSystem System(KernelPath path) => new(new CovarianceFunction(model, path));
        (_scalar, _v128, _v256, _v512, _auto) = (System(KernelPath.Scalar), System(KernelPath.Vector128), System(KernelPath.Vector256), System(KernelPath.Vector512), System(KernelPath.Auto));
    }

    private double Run(KrigingSystem system)
    {
        system.Solve(new Point3(500_075, 2_900_075, 1_030), _samples, _offsets, _blockCovariance, ordinary: true, minSamples: 2);
        return system.Variance;
    }

    [Benchmark(Baseline = true)]
    public double Scalar() => Run(_scalar);

    [Benchmark]
    public double Vector128() => Run(_v128);

    [Benchmark]
    public double Vector256() => Run(_v256);

    [Benchmark]
    public double Vector512() => Run(_v512);

    [Benchmark]
    public double Auto() => Run(_auto);
}
