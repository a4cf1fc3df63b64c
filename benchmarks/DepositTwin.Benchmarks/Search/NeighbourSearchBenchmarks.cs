using BenchmarkDotNet.Attributes;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;

namespace DepositTwin.Benchmarks.Search;

/// <summary>
/// Neighbour search alone: 3,000 samples down 150 holes, 100,000 block centroids of the estimation benchmark's
/// grid, anisotropic ellipsoid. ns per query, one query at a time (the tree) or by tiles of the engine's grid tile (8 × 8 × 2 blocks)
/// sharing one gathering of candidates (what the estimation engine does; same results).
/// </summary>
[MemoryDiagnoser]
public class NeighbourSearchBenchmarks
{
    private const int Queries = 100 * 100 * 10; // the lowest ten benches: the limited search is slow by nature
    private NeighbourSearch _search = null!;
    private NeighbourSearch _limited = null!;
    private Point3[] _targets = [];
    private readonly NeighbourBuffers _buffers = new();
    private readonly SearchTile _tile = new();
    private TargetTiles _tiles;
    private Point3[] _tileTargets = [];
    private int[] _tileOrder = [];

    [Params(16, 32)]
    public int Neighbours { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SampleSet samples = SyntheticDrilling.Samples();
        Point3[] points = samples.Locations.ToArray();
        int[] holes = samples.HoleIds.ToArray();
        var ellipsoid = Ellipsoid.FromGslib(300, 30, 0, 0, 0.8, 0.5);
        _search = new NeighbourSearch(points, holes, new SearchNeighbourhood(ellipsoid, 2, Neighbours));
        _limited = new NeighbourSearch(points, holes, new SearchNeighbourhood(ellipsoid, 2, Neighbours) { MaxPerHole = 4, MaxPerOctant = 4 });
        _targets = Enumerable.Range(0, Queries).Select(SyntheticDrilling.Grid.Centroid).ToArray();
        GridDefinition grid = SyntheticDrilling.Grid;
        _tiles = TargetTiles.Grid(Queries, grid.ToBlockIndex, new BlockIndex(grid.CountX, grid.CountY, 10), DepositTwin.Estimation.EstimationEngine.GridTile);
        int largest = Enumerable.Range(0, _tiles.Count).Max(_tiles.SizeOf);
        (_tileTargets, _tileOrder) = (new Point3[largest], new int[largest]);
    }

    private int ByTiles(NeighbourSearch search)
    {
        int total = 0;
        Span<Point3> targets = _tileTargets;
        Span<int> order = _tileOrder;
        for (int tile = 0; tile < _tiles.Count; tile++)
        {
            int size = _tiles.Targets(tile, order);
            for (int i = 0; i < size; i++)
            {
                targets[i] = _targets[order[i]];
            }

            search.Gather(targets[..size], _tile, _buffers);
            foreach (Point3 t in targets[..size])
            {
                total += search.FindInTile(t, _buffers, _tile);
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Queries, Description = "k nearest, by tiles")]
    public int NearestByTiles() => ByTiles(_search);

    [Benchmark(OperationsPerInvoke = Queries, Description = "with limits, by tiles")]
    public int LimitedByTiles() => ByTiles(_limited);

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
