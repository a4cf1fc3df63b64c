using DepositTwin.Geometry;

namespace DepositTwin.Planning;

/// <summary>One arc of a precedence pattern: the block (di, dj, dk) from a block must be mined before it (dk ≥ 1: above).</summary>
/// <param name="DI">Offset along i.</param>
/// <param name="DJ">Offset along j.</param>
/// <param name="DK">Offset along k, ≥ 1.</param>
public readonly record struct PatternOffset(int DI, int DJ, int DK);

/// <summary>
/// The blocks above a block that must be mined first, as offsets repeated at every block of a regular grid.
/// </summary>
public sealed class PrecedencePattern
{
    private PrecedencePattern(PatternOffset[] offsets) => Offsets = offsets;

    /// <summary>The offsets, by bench then as found.</summary>
    public IReadOnlyList<PatternOffset> Offsets { get; }

    /// <summary>Creates a pattern from offsets.</summary>
    /// <exception cref="ArgumentException">An offset does not point up (dk ≥ 1), or one is repeated.</exception>
    public static PrecedencePattern FromOffsets(IEnumerable<PatternOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        PatternOffset[] list = [.. offsets];
        int down = Array.FindIndex(list, o => o.DK < 1);
        if (down >= 0)
        {
            throw new ArgumentException($"Offset {list[down]} does not point up: precedence arcs need dk ≥ 1.", nameof(offsets));
        }

        if (list.Distinct().Count() != list.Length)
        {
            throw new ArgumentException("An offset is repeated.", nameof(offsets));
        }

        return new PrecedencePattern(list);
    }

    /// <summary>The block above and its four neighbours (the 1:5 pattern, 45° on cubic blocks along the axes).</summary>
    public static PrecedencePattern OneFive { get; } = FromOffsets([new(0, -1, 1), new(-1, 0, 1), new(0, 0, 1), new(1, 0, 1), new(0, 1, 1)]);

    /// <summary>The nine blocks of the bench above (the 1:9 pattern).</summary>
    public static PrecedencePattern OneNine { get; } = FromOffsets(
        from j in Enumerable.Range(-1, 3) from i in Enumerable.Range(-1, 3) select new PatternOffset(i, j, 1));

    /// <summary>The 1:5 pattern plus the eight knight's-move blocks two benches up.</summary>
    public static PrecedencePattern KnightsMove { get; } = FromOffsets([
        new(0, -1, 1), new(-1, 0, 1), new(0, 0, 1), new(1, 0, 1), new(0, 1, 1),
        new(-1, -2, 2), new(1, -2, 2), new(-2, -1, 2), new(2, -1, 2), new(-2, 1, 2), new(2, 1, 2), new(-1, 2, 2), new(1, 2, 2)]);

    /// <summary>
    /// The minimum-search pattern (Caccetta &amp; Giannini 1988): bench by bench up to <paramref name="benches"/>,
    /// add an arc to every block inside the slope cone that the arcs found so far do not already reach, so that
    /// the pattern's transitive closure covers the cone over that many benches with as few arcs as possible.
    /// Works for any block shape and slopes varying by azimuth.
    /// </summary>
    /// <param name="blockSize">Block dimensions (m).</param>
    /// <param name="slopes">Overall slope angles.</param>
    /// <param name="benches">How many benches up the cone is matched, ≥ 1 (8–10 is usual).</param>
    public static PrecedencePattern MinimumSearch(Point3 blockSize, SlopeProfile slopes, int benches)
    {
        ArgumentNullException.ThrowIfNull(slopes);
        ArgumentOutOfRangeException.ThrowIfLessThan(benches, 1);
        if (!(blockSize.X > 0 && blockSize.Y > 0 && blockSize.Z > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "Block dimensions must be positive.");
        }

        double reach = benches * blockSize.Z / Math.Tan(slopes.MinimumSlope * Math.PI / 180);
        int rx = (int)Math.Ceiling(reach / blockSize.X), ry = (int)Math.Ceiling(reach / blockSize.Y);
        int wx = 2 * rx + 1, wy = 2 * ry + 1;
        // reached[k][(i + rx) + (j + ry) * wx]: the offset (i, j, k) is implied by the arcs so far.
        var reached = new bool[benches + 1][];
        for (int k = 0; k <= benches; k++)
        {
            reached[k] = new bool[wx * wy];
        }

        reached[0][rx + ry * wx] = true;
        var offsets = new List<PatternOffset>();
        for (int k = 1; k <= benches; k++)
        {
            // What the arcs found so far reach on bench k: from every reached block below, one arc up.
            foreach (PatternOffset o in offsets)
            {
                if (o.DK > k)
                {
                    continue;
                }

                bool[] from = reached[k - o.DK], to = reached[k];
                for (int j = 0; j < wy; j++)
                {
                    int tj = j + o.DJ;
                    if (tj < 0 || tj >= wy)
                    {
                        continue;
                    }

                    for (int i = 0; i < wx; i++)
                    {
                        int ti = i + o.DI;
                        if (ti >= 0 && ti < wx && from[i + j * wx])
                        {
                            to[ti + tj * wx] = true;
                        }
                    }
                }
            }

            for (int j = -ry; j <= ry; j++)
            {
                for (int i = -rx; i <= rx; i++)
                {
                    int cell = (i + rx) + (j + ry) * wx;
                    if (!reached[k][cell] && slopes.Within(i * blockSize.X, j * blockSize.Y, k * blockSize.Z))
                    {
                        offsets.Add(new PatternOffset(i, j, k));
                        reached[k][cell] = true;
                    }
                }
            }
        }

        return new PrecedencePattern([.. offsets]);
    }
}

/// <summary>
/// Which blocks must be mined before which: "mining block b needs block p" for every arc b → p. Either a
/// pattern repeated over a regular grid (generated on the fly, never stored as an arc list) or explicit lists.
/// </summary>
public abstract class Precedence
{
    private protected Precedence()
    {
    }

    /// <summary>Number of blocks (0 … count − 1).</summary>
    public abstract int BlockCount { get; }

    /// <summary>A pattern over a regular grid of nx × ny × nz blocks, i fastest, then j, then k from the bottom (GSLIB order).
    /// Arcs leaving the grid are left out: the outside is air.</summary>
    public static Precedence Grid(int countX, int countY, int countZ, PrecedencePattern pattern) => new GridPrecedence(countX, countY, countZ, pattern);

    /// <summary>Explicit predecessors per block (e.g. from a MineLib .prec file).</summary>
    /// <exception cref="ArgumentException">A block id is out of range, a block needs itself, or the arcs form a cycle (the message names a block on it).</exception>
    public static Precedence Explicit(IReadOnlyList<IReadOnlyList<int>> predecessors) => new ExplicitPrecedence(predecessors);

    /// <summary>The blocks that must be mined before <paramref name="block"/> (its direct predecessors).</summary>
    public IEnumerable<int> Predecessors(int block)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(block, BlockCount);
        for (int a = 0; a < ArcCount(block); a++)
        {
            int p = ArcTarget(block, a);
            if (p >= 0)
            {
                yield return p;
            }
        }
    }

    /// <summary>Arcs out of a block (some may leave the model).</summary>
    internal abstract int ArcCount(int block);

    /// <summary>The block arc <paramref name="arc"/> of <paramref name="block"/> needs; −1 when it leaves the model.</summary>
    internal abstract int ArcTarget(int block, int arc);

    /// <summary>Runs the solver on this precedence's arc source, specialised by the JIT for its concrete arcs.</summary>
    internal abstract bool[] MinimumCut(long[] values, CancellationToken cancellationToken);
}

internal sealed class GridPrecedence : Precedence
{
    private readonly GridArcs _arcs;

    public GridPrecedence(int countX, int countY, int countZ, PrecedencePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (countX < 1 || countY < 1 || countZ < 1 || (long)countX * countY * countZ > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(countX), $"Grid counts must be ≥ 1 and their product fit an array; got {countX} × {countY} × {countZ}.");
        }

        _arcs = new GridArcs(countX, countY, countZ, pattern);
    }

    public override int BlockCount => _arcs.Count;

    internal override int ArcCount(int block) => _arcs.ArcCount(block);

    internal override int ArcTarget(int block, int arc) => _arcs.ArcTarget(block, arc);

    internal override bool[] MinimumCut(long[] values, CancellationToken cancellationToken) => Pseudoflow.MinimumCut(values, _arcs, cancellationToken);
}

internal sealed class ExplicitPrecedence : Precedence
{
    private readonly ExplicitArcs _arcs;

    public ExplicitPrecedence(IReadOnlyList<IReadOnlyList<int>> predecessors)
    {
        ArgumentNullException.ThrowIfNull(predecessors);
        int n = predecessors.Count;
        var start = new int[n + 1];
        for (int b = 0; b < n; b++)
        {
            start[b + 1] = start[b] + predecessors[b].Count;
        }

        var targets = new int[start[n]];
        for (int b = 0; b < n; b++)
        {
            for (int a = 0; a < predecessors[b].Count; a++)
            {
                int p = predecessors[b][a];
                if (p < 0 || p >= n)
                {
                    throw new ArgumentException($"Block {b} needs block {p}, outside 0 … {n - 1}.", nameof(predecessors));
                }

                if (p == b)
                {
                    throw new ArgumentException($"Block {b} needs itself.", nameof(predecessors));
                }

                targets[start[b] + a] = p;
            }
        }

        _arcs = new ExplicitArcs(start, targets);
        if (FindCycle() is int onCycle and >= 0)
        {
            throw new ArgumentException($"The precedence arcs form a cycle through block {onCycle}.", nameof(predecessors));
        }
    }

    public override int BlockCount => _arcs.Start.Length - 1;

    internal override int ArcCount(int block) => _arcs.ArcCount(block);

    internal override int ArcTarget(int block, int arc) => _arcs.ArcTarget(block, arc);

    internal override bool[] MinimumCut(long[] values, CancellationToken cancellationToken) => Pseudoflow.MinimumCut(values, _arcs, cancellationToken);

    /// <summary>A block on a cycle, or −1 (iterative depth-first search: white, grey, black).</summary>
    private int FindCycle()
    {
        int n = BlockCount;
        var state = new byte[n];
        var stack = new Stack<(int Block, int Arc)>();
        for (int root = 0; root < n; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                (int b, int a) = stack.Pop();
                if (a < _arcs.ArcCount(b))
                {
                    stack.Push((b, a + 1));
                    int p = _arcs.ArcTarget(b, a);
                    if (state[p] == 1)
                    {
                        return p;
                    }

                    if (state[p] == 0)
                    {
                        state[p] = 1;
                        stack.Push((p, 0));
                    }
                }
                else
                {
                    state[b] = 2;
                }
            }
        }

        return -1;
    }
}

/// <summary>The arcs the solver scans: a count per block and the target of each (−1 outside the model).</summary>
internal interface IArcSource
{
    int Count { get; }

    int ArcCount(int block);

    int ArcTarget(int block, int arc);

    /// <summary>The first arc from <paramref name="from"/> on whose target has the label <paramref name="wanted"/>; −1 when none.</summary>
    int Find(int block, int from, int[] labels, int wanted, out int target);
}

/// <summary>Pattern arcs over a grid: targets computed from the block's (i, j, k) and the offset, with bounds checks.</summary>
internal readonly struct GridArcs : IArcSource
{
    private readonly int _nx, _ny, _nz;
    private readonly int[] _di, _dj, _dk, _delta;

    public GridArcs(int nx, int ny, int nz, PrecedencePattern pattern)
    {
        (_nx, _ny, _nz) = (nx, ny, nz);
        _di = pattern.Offsets.Select(o => o.DI).ToArray();
        _dj = pattern.Offsets.Select(o => o.DJ).ToArray();
        _dk = pattern.Offsets.Select(o => o.DK).ToArray();
        _delta = pattern.Offsets.Select(o => o.DI + nx * (o.DJ + ny * o.DK)).ToArray();
    }

    public int Count => _nx * _ny * _nz;

    public int ArcCount(int block) => _delta.Length;

    public int ArcTarget(int block, int arc)
    {
        int layer = _nx * _ny;
        int k = block / layer, rest = block - k * layer;
        int j = rest / _nx, i = rest - j * _nx;
        return (uint)(i + _di[arc]) < (uint)_nx && (uint)(j + _dj[arc]) < (uint)_ny && (uint)(k + _dk[arc]) < (uint)_nz
            ? block + _delta[arc]
            : -1;
    }

    public int Find(int block, int from, int[] labels, int wanted, out int target)
    {
        // (i, j, k) once per scan, not once per arc: this loop is the solver's hot path.
        int layer = _nx * _ny;
        int k = block / layer, rest = block - k * layer;
        int j = rest / _nx, i = rest - j * _nx;
        int[] di = _di, dj = _dj, dk = _dk, delta = _delta;
        for (int a = from; a < delta.Length; a++)
        {
            if ((uint)(i + di[a]) < (uint)_nx && (uint)(j + dj[a]) < (uint)_ny && (uint)(k + dk[a]) < (uint)_nz && labels[block + delta[a]] == wanted)
            {
                target = block + delta[a];
                return a;
            }
        }

        target = -1;
        return -1;
    }
}

/// <summary>Explicit arcs in compressed rows.</summary>
internal readonly struct ExplicitArcs(int[] start, int[] targets) : IArcSource
{
    public int[] Start => start;

    public int Count => start.Length - 1;

    public int ArcCount(int block) => start[block + 1] - start[block];

    public int ArcTarget(int block, int arc) => targets[start[block] + arc];

    public int Find(int block, int from, int[] labels, int wanted, out int target)
    {
        for (int a = start[block] + from; a < start[block + 1]; a++)
        {
            if (labels[targets[a]] == wanted)
            {
                target = targets[a];
                return a - start[block];
            }
        }

        target = -1;
        return -1;
    }
}
