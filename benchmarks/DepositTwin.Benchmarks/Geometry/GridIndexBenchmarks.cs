using BenchmarkDotNet.Attributes;
using DepositTwin.Geometry;

namespace DepositTwin.Benchmarks.Geometry;

/// <summary>
/// Grid index ↔ centroid over a 10M-block model (250 × 200 × 200). Each operation is one block, so the
/// reported time is ns/block.
/// </summary>
[MemoryDiagnoser]
public class GridIndexBenchmarks
{
    private const int Blocks = 250 * 200 * 200;
    private readonly GridDefinition _grid = new(new Point3(500_000, 2_700_000, 800), new Point3(10, 10, 5), 250, 200, 200, azimuth: 20);

    [Benchmark(Baseline = true, OperationsPerInvoke = Blocks, Description = "centroid of linear index")]
    public double CentroidOfLinearIndex()
    {
        double sum = 0;
        for (int b = 0; b < Blocks; b++)
        {
            Point3 c = _grid.Centroid(b);
            sum += c.X + c.Y + c.Z;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Blocks, Description = "linear index of (i, j, k)")]
    public long LinearIndexOfIjk()
    {
        long sum = 0;
        for (int k = 0; k < _grid.CountZ; k++)
        {
            for (int j = 0; j < _grid.CountY; j++)
            {
                for (int i = 0; i < _grid.CountX; i++)
                {
                    sum += _grid.LinearIndex(i, j, k);
                }
            }
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Blocks, Description = "block containing a centroid")]
    public long BlockOfCentroid()
    {
        long sum = 0;
        double dx = _grid.BlockSize.X, dy = _grid.BlockSize.Y, dz = _grid.BlockSize.Z;
        for (int k = 0; k < _grid.CountZ; k++)
        {
            for (int j = 0; j < _grid.CountY; j++)
            {
                for (int i = 0; i < _grid.CountX; i++)
                {
                    Point3 world = _grid.ToWorld(new Point3((i + 0.5) * dx, (j + 0.5) * dy, (k + 0.5) * dz));
                    if (_grid.TryFindBlock(world, out BlockIndex found))
                    {
                        sum += found.I + found.J + found.K;
                    }
                }
            }
        }

        return sum;
    }
}
