namespace DepositTwin.BlockModels;

/// <summary>
/// An ordered set of rows of a <see cref="BlockModel"/>: a bench, a domain, a mask, or all blocks.
/// </summary>
/// <remarks>
/// A selection is a view: it holds row numbers, not values. Rows are ascending. To write results in
/// parallel, split it with <see cref="Chunks"/> or use <see cref="ParallelFor"/>: each row is written
/// by one thread only, so no locks are needed.
/// </remarks>
public sealed class BlockSelection
{
    private readonly int[]? _rows; // null for a contiguous range
    private readonly int _start;

    private BlockSelection(BlockModel model, int[]? rows, int start, int count)
    {
        Model = model;
        _rows = rows;
        _start = start;
        Count = count;
    }

    internal static BlockSelection Range(BlockModel model, int start, int count) => new(model, null, start, count);

    internal static BlockSelection Rows(BlockModel model, int[] rows) => new(model, rows, 0, rows.Length);

    /// <summary>The model the rows belong to.</summary>
    public BlockModel Model { get; }

    /// <summary>Number of rows.</summary>
    public int Count { get; }

    /// <summary>True when the rows are one contiguous run (as for a bench or the whole model).</summary>
    public bool IsContiguous => _rows is null;

    /// <summary>The <paramref name="index"/>-th row of the selection.</summary>
    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must lie in [0, {Count - 1}].");
            }

            return _rows is null ? _start + index : _rows[_start + index];
        }
    }

    /// <summary>A sub-range of the selection.</summary>
    public BlockSelection Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"The slice [{start}, {start + length}) must lie within [0, {Count}].");
        }

        return new BlockSelection(Model, _rows, _start + start, length);
    }

    /// <summary>Splits the selection into consecutive slices of at most <paramref name="chunkSize"/> rows.</summary>
    public IReadOnlyList<BlockSelection> Chunks(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var chunks = new List<BlockSelection>((Count + chunkSize - 1) / chunkSize);
        for (int start = 0; start < Count; start += chunkSize)
        {
            chunks.Add(Slice(start, Math.Min(chunkSize, Count - start)));
        }

        return chunks;
    }

    /// <summary>
    /// Runs <paramref name="body"/> once for each row, in parallel over chunks of rows. Each row is visited
    /// by exactly one thread, so writing that row's attribute values needs no locks.
    /// </summary>
    /// <param name="body">The action, given a row.</param>
    /// <param name="cancellationToken">Stops the loop between chunks.</param>
    /// <param name="maxDegreeOfParallelism">Most threads to use; −1 for the default.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public void ParallelFor(Action<int> body, CancellationToken cancellationToken = default, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(body);
        var options = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.ForEach(Chunks(4096), options, chunk =>
        {
            foreach (int row in chunk)
            {
                body(row);
            }
        });
    }

    /// <summary>The rows as a new array.</summary>
    public int[] ToArray()
    {
        var result = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            result[i] = _rows is null ? _start + i : _rows[_start + i];
        }

        return result;
    }

    /// <summary>Enumerates the rows without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>An allocation-free enumerator over the rows of a selection.</summary>
    public struct Enumerator
    {
        private readonly BlockSelection _selection;
        private int _index;

        internal Enumerator(BlockSelection selection)
        {
            _selection = selection;
            _index = -1;
        }

        /// <summary>The current row.</summary>
        public readonly int Current =>
            _selection._rows is null ? _selection._start + _index : _selection._rows[_selection._start + _index];

        /// <summary>Moves to the next row.</summary>
        public bool MoveNext() => ++_index < _selection.Count;
    }
}
