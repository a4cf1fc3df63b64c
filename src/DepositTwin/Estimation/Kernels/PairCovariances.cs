using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DepositTwin.Geometry;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// The covariances among the samples that neighbouring blocks use, each pair evaluated once. The blocks of a
/// tile share most of their samples (at 32 neighbours, about 52 distinct samples serve a tile of 64 blocks that
/// would otherwise evaluate 64 × 496 pairs), so samples get slots in the order they first appear, and a new
/// slot's covariances with every earlier slot are computed at once, as a row in vectors.
/// </summary>
/// <remarks>
/// An entry is a function of its two samples alone: the structures at their world displacement
/// (<see cref="CovarianceFunction.Row(Point3, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>), the nugget at zero lag. It does not depend on which block first
/// asked for it, on the order of the slots or on when the table was last cleared, so a system filled from
/// here is the same, bit for bit, however the blocks are tiled and whatever was estimated before.
/// The table is a full square (both halves) so that each block row is read from one contiguous row; it is kept
/// within 128 slots (128 KB, in the level-2 cache; twice the neighbourhood beyond 64 samples) and cleared when full.
/// </remarks>
internal sealed class PairCovariances(CovarianceFunction covariance)
{
    private const int Padding = 8; // a widest vector (Vector512<double>.Count): rows run in whole vectors
    private const int DefaultLimit = 128; // slots: a 128 KB table; a tile at 32 neighbours uses about 52
    private double[] _table = [];
    private int _capacity; // row length of the table
    private double[] _xs = [], _ys = [], _zs = []; // world coordinates of the slots
    private double[] _row = [];
    private int[] _keys = [], _slots = [], _epochs = []; // open addressing: sample id → slot, valid in the current epoch
    private int _epoch = 1;
    private int _shift = 32; // the hash takes the top bits of a multiplicative hash

    /// <summary>Number of slots in use.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every slot (a new tile).</summary>
    public void Clear()
    {
        Count = 0;
        if (++_epoch == int.MaxValue)
        {
            Array.Clear(_epochs);
            _epoch = 1;
        }
    }

    /// <summary>
    /// The slots of samples <paramref name="ids"/> at <paramref name="locations"/>, computing the covariances of
    /// those not seen since the last <see cref="Clear"/>. Empty <paramref name="ids"/> means samples without
    /// identities: each location gets a new slot.
    /// </summary>
    public void Assign(ReadOnlySpan<int> ids, ReadOnlySpan<Point3> locations, Span<int> slots)
    {
        int m = locations.Length;
        int limit = Math.Max(DefaultLimit, 2 * m);
        if (Count + m > limit || ids.IsEmpty)
        {
            Clear();
        }

        Ensure(Count + m, limit);
        int first = Count;
        for (int i = 0; i < m; i++)
        {
            slots[i] = ids.IsEmpty ? NewSlot(locations[i]) : SlotOf(ids[i], locations[i]);
        }

        for (int b = first; b < Count; b++)
        {
            AddRow(b);
        }
    }

    /// <summary>
    /// The upper triangle of the samples' covariance matrix, without C(0): c[i·stride + j] = C(slot i, slot j) for
    /// i &lt; j &lt; m (a sample listed twice meets itself at zero lag), and 0 on the diagonal. Entries left of the
    /// diagonal are not touched.
    /// </summary>
    public void FillUpper(ReadOnlySpan<int> slots, ref double c, int stride)
    {
        ref double table = ref MemoryMarshal.GetArrayDataReference(_table);
        ref int slot = ref MemoryMarshal.GetReference(slots);
        for (int i = 0; i < slots.Length; i++)
        {
            ref double row = ref Unsafe.Add(ref c, i * stride);
            ref double source = ref Unsafe.Add(ref table, Unsafe.Add(ref slot, i) * _capacity);
            Unsafe.Add(ref row, i) = 0;
            for (int j = i + 1; j < slots.Length; j++)
            {
                Unsafe.Add(ref row, j) = Unsafe.Add(ref source, Unsafe.Add(ref slot, j));
            }
        }
    }

    private int SlotOf(int id, Point3 location)
    {
        int mask = _keys.Length - 1;
        for (int h = (int)(((uint)id * 0x9E3779B9u) >> _shift); ; h = (h + 1) & mask)
        {
            if (_epochs[h] != _epoch)
            {
                (_keys[h], _epochs[h]) = (id, _epoch);
                return _slots[h] = NewSlot(location);
            }

            if (_keys[h] == id)
            {
                return _slots[h];
            }
        }
    }

    private int NewSlot(Point3 location)
    {
        (_xs[Count], _ys[Count], _zs[Count]) = (location.X, location.Y, location.Z);
        return Count++;
    }

    /// <summary>Slot b's covariances with every earlier slot and itself, into row b and column b.</summary>
    private void AddRow(int b)
    {
        // In whole vectors (past b into the padding, whose coordinates are finite): an entry's bits must not
        // depend on whether it fell in a vector or in a scalar remainder, that is on how many slots came before.
        int lanes = covariance.Lanes, n = (b + lanes) / lanes * lanes;
        Span<double> row = _row.AsSpan(0, n);
        covariance.Row(new Point3(_xs[b], _ys[b], _zs[b]), _xs.AsSpan(0, n), _ys.AsSpan(0, n), _zs.AsSpan(0, n), row);
        row[..(b + 1)].CopyTo(_table.AsSpan(b * _capacity, b + 1));
        for (int a = 0; a < b; a++)
        {
            _table[a * _capacity + b] = row[a];
        }
    }

    /// <summary>Room for <paramref name="slots"/> slots (at most <paramref name="limit"/>); a larger table starts empty.</summary>
    private void Ensure(int slots, int limit)
    {
        if (slots <= _capacity)
        {
            return;
        }

        int capacity = limit; // straight to the limit: one table per workspace, not a trail of smaller ones
        _table = new double[capacity * capacity];
        int padded = capacity + Padding;
        (_xs, _ys, _zs, _row) = (new double[padded], new double[padded], new double[padded], new double[padded]);
        int hash = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * capacity));
        (_keys, _slots, _epochs) = (new int[hash], new int[hash], new int[hash]);
        _shift = 32 - BitOperations.Log2((uint)hash);
        _capacity = capacity;
        _epoch = 1;
        Count = 0;
    }
}
