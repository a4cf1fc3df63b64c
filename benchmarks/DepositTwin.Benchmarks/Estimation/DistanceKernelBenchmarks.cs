using BenchmarkDotNet.Attributes;
using DepositTwin.Estimation;
using DepositTwin.Estimation.Kernels;

namespace DepositTwin.Benchmarks.Estimation;

/// <summary>
/// The inverse-distance kernel alone: Σw, Σw·z (power 2) and the nearest and mean distances of n samples,
/// on each kernel path (Vector512 would run the 256-bit loops: left out), the scalar path the baseline.
/// </summary>
[MemoryDiagnoser]
public class DistanceKernelBenchmarks
{
    private double[] _squared = [], _values = [];
    private KernelPath _auto;

    [Params(8, 16, 32, 64)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _auto = KernelPaths.Resolve(KernelPath.Auto); // once, as the engine does: it reads the environment
        var random = new Random(N);
        _squared = Enumerable.Range(0, N).Select(_ => 25 + random.NextDouble() * 40_000).ToArray();
        _values = Enumerable.Range(0, N).Select(_ => random.NextDouble() * 2).ToArray();
    }

    private double Run(KernelPath path)
    {
        InverseDistanceSums sums = DistanceKernels.InverseDistance(path, _squared, _squared, _values, 2);
        (double nearest, double sum) = DistanceKernels.Distances(path, _squared);
        return sums.Estimate + nearest + sum;
    }

    [Benchmark(Baseline = true)]
    public double Scalar() => Run(KernelPath.Scalar);

    [Benchmark]
    public double Vector128() => Run(KernelPath.Vector128);

    [Benchmark]
    public double Vector256() => Run(KernelPath.Vector256);

    [Benchmark]
    public double Auto() => Run(_auto);
}
