using BenchmarkDotNet.Attributes;
using DepositTwin.Geometry;
using DepositTwin.Search;

namespace DepositTwin.Benchmarks.Search;

/// <summary>Neighbour search alone: 3,000 samples down 150 holes, 100,000 block centroids, anisotropic ellipsoid. ns per query.</summary>
[MemoryDiagnoser]
public class NeighbourSearchBenchmarks
{
    private const int Queries = 50 * 50 * 40;
    private NeighbourSearch _search = null!;
    private NeighbourSearch _limited = null!;
    private Point3[] _targets = [];
    private readonly NeighbourBuffers _buffers = new();

    [Params(16, 32)]
    public int Neighbours { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var points = new List<Point3>();
        var holes = new List<int>();
        for (int h = 0; h < 150; h++)
        {
            double x = random.NextDouble() * 500, y = random.NextDouble() * 500;
            for (int s = 0; s < 20; s++)
            {
                points.Add(new Point3(x + s * 0.8, y, 200 - s * 10));
                holes.Add(h);
            }
        }

        var ellipsoid = Ellipsoid.FromGslib(300, 30, 0, 0, 0.8, 0.5);
        _search = new NeighbourSearch(points.ToArray(), holes.ToArray(), new SearchNeighbourhood(ellipsoid, 2, Neighbours));
        _limited = new NeighbourSearch(points.ToArray(), holes.ToArray(), new SearchNeighbourhood(ellipsoid, 2, Neighbours) { MaxPerHole = 4, MaxPerOctant = 4 });
        var grid = new GridDefinition(Point3.Zero, new Point3(10, 10, 5), 50, 50, 40);
        _targets = Enumerable.Range(0, Queries).Select(grid.Centroid).ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Queries, Description = "k nearest in ellipsoid")]
    public int Nearest()
    {
        int total = 0;
        foreach (Point3 t in _targets)
        {
            total += _search.Find(t, _buffers);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Queries, Description = "with octant and per-hole limits")]
    public int Limited()
    {
        int total = 0;
        foreach (Point3 t in _targets)
        {
            total += _limited.Find(t, _buffers);
        }

        return total;
    }
}
