using BenchmarkDotNet.Attributes;
using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Benchmarks.Variography;

/// <summary>
/// Pair enumeration at scale: 50,000 composites (2 m down 1,000 vertical holes on a 100 m pattern over
/// 3 km × 3 km), omnidirectional and directional, 500 m cut-off. The time is per whole variogram.
/// </summary>
[MemoryDiagnoser]
public class ExperimentalVariogramBenchmarks
{
    private Point3[] _points = [];
    private double[] _values = [];
    private readonly LagClasses _lags = LagClasses.Regular(25, 500);

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var points = new List<Point3>();
        var values = new List<double>();
        for (int hole = 0; hole < 1000; hole++)
        {
            double x = hole % 32 * 100 + random.NextDouble() * 20, y = hole / 32 * 100 + random.NextDouble() * 20;
            for (int s = 0; s < 50; s++)
            {
                points.Add(new Point3(x, y, 1000 - 2 * s));
                values.Add(Math.Exp(Math.Sin(x / 300) + Math.Cos(y / 400) + random.NextDouble()));
            }
        }

        _points = [.. points];
        _values = [.. values];
    }

    [Benchmark(Baseline = true, Description = "omnidirectional, 50k samples, 500 m")]
    public ExperimentalVariogram Omnidirectional() => ExperimentalVariogram.Compute(_points, _values, _lags,
        new ExperimentalVariogramOptions { MaxDegreeOfParallelism = Threads });

    [Benchmark(Description = "directional N30E ±22.5°, 50k samples, 500 m")]
    public ExperimentalVariogram Directional() => ExperimentalVariogram.Compute(_points, _values, _lags,
        new ExperimentalVariogramOptions { Direction = new VariogramDirection(30, 0, 22.5, 100, 10), MaxDegreeOfParallelism = Threads });
}
