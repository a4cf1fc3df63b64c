using DepositTwin.Geometry;

namespace DepositTwin.BlockModels;

/// <summary>
/// A regular block model: a <see cref="GridDefinition"/>, the set of active blocks and named columnar
/// attributes with one value per active block.
/// </summary>
/// <remarks>
/// <para>Only active blocks are stored: air and blocks outside every domain are inactive and take no
/// memory in any attribute. Active blocks are the model's rows, in ascending linear index (GSLIB
/// order), so a bench is a contiguous run of rows. A model whose every block is active keeps no index
/// table at all: row = linear index.</para>
/// <para>Memory: 8 bytes per block per double attribute, 4 per integer attribute, plus 4 bytes per
/// active block for the row → block table when the model is not full.</para>
/// </remarks>
public sealed class BlockModel
{
    private readonly int[]? _blockOfRow; // null when every block of the grid is active
    private readonly List<BlockAttribute> _attributes = [];

    /// <summary>Creates a model in which every block of the grid is active.</summary>
    public BlockModel(GridDefinition grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        Count = grid.BlockCount;
    }

    private BlockModel(GridDefinition grid, int[] blockOfRow)
    {
        Grid = grid;
        Count = blockOfRow.Length;
        _blockOfRow = blockOfRow.Length == grid.BlockCount ? null : blockOfRow;
    }

    /// <summary>Creates a model whose active blocks are the given linear indices.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="activeBlocks">Linear indices of the active blocks, in any order; each at most once.</param>
    /// <exception cref="ArgumentException">An index is outside the grid or repeated.</exception>
    public static BlockModel WithActiveBlocks(GridDefinition grid, IEnumerable<int> activeBlocks)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(activeBlocks);
        int[] rows = activeBlocks.ToArray();
        Array.Sort(rows);
        for (int r = 0; r < rows.Length; r++)
        {
            if ((uint)rows[r] >= (uint)grid.BlockCount)
            {
                throw new ArgumentException($"Active block {rows[r]} is outside the grid's [0, {grid.BlockCount - 1}].", nameof(activeBlocks));
            }

            if (r > 0 && rows[r] == rows[r - 1])
            {
                throw new ArgumentException($"Active block {rows[r]} is listed more than once.", nameof(activeBlocks));
            }
        }

        return new BlockModel(grid, rows);
    }

    /// <summary>Creates a model whose active blocks are those whose centroid satisfies a predicate (for example, inside a domain).</summary>
    public static BlockModel WithActiveBlocks(GridDefinition grid, Func<Point3, bool> isActiveAtCentroid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(isActiveAtCentroid);
        var rows = new List<int>();
        for (int b = 0; b < grid.BlockCount; b++)
        {
            if (isActiveAtCentroid(grid.Centroid(b)))
            {
                rows.Add(b);
            }
        }

        return new BlockModel(grid, rows.ToArray());
    }

    /// <summary>The grid.</summary>
    public GridDefinition Grid { get; }

    /// <summary>Number of active blocks: the number of rows of every attribute.</summary>
    public int Count { get; }

    /// <summary>True when every block of the grid is active.</summary>
    public bool IsFull => _blockOfRow is null;

    /// <summary>The attributes, in the order they were added.</summary>
    public IReadOnlyList<BlockAttribute> Attributes => _attributes;

    /// <summary>Every active block.</summary>
    public BlockSelection All => BlockSelection.Range(this, 0, Count);

    /// <summary>The linear block index of a row.</summary>
    public int BlockOf(int row)
    {
        if ((uint)row >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"The row must lie in [0, {Count - 1}].");
        }

        return _blockOfRow is null ? row : _blockOfRow[row];
    }

    /// <summary>The row of a block given by its linear index, or −1 when the block is inactive.</summary>
    /// <remarks>O(1) for a full model, O(log n) otherwise.</remarks>
    public int RowOf(int linearIndex)
    {
        if ((uint)linearIndex >= (uint)Grid.BlockCount)
        {
            throw new ArgumentOutOfRangeException(nameof(linearIndex), linearIndex, $"The linear index must lie in [0, {Grid.BlockCount - 1}].");
        }

        if (_blockOfRow is null)
        {
            return linearIndex;
        }

        int row = Array.BinarySearch(_blockOfRow, linearIndex);
        return row >= 0 ? row : -1;
    }

    /// <summary>True when the block with the given linear index is active.</summary>
    public bool IsActive(int linearIndex) => RowOf(linearIndex) >= 0;

    /// <summary>The (i, j, k) of a row's block.</summary>
    public BlockIndex IndexOf(int row) => Grid.ToBlockIndex(BlockOf(row));

    /// <summary>The centroid of a row's block, world coordinates.</summary>
    public Point3 Centroid(int row) => Grid.Centroid(BlockOf(row));

    /// <summary>Adds a double attribute, every value set to <paramref name="fill"/> (missing by default).</summary>
    /// <exception cref="ArgumentException">The name is invalid or already used.</exception>
    public DoubleAttribute AddDouble(string name, string unit = "", string description = "", double fill = double.NaN)
    {
        RequireNewName(name);
        var attribute = new DoubleAttribute(name, unit, description, Count, fill);
        _attributes.Add(attribute);
        return attribute;
    }

    /// <summary>Adds an integer attribute, every value set to <paramref name="fill"/> (missing by default).</summary>
    /// <exception cref="ArgumentException">The name is invalid or already used.</exception>
    public IntegerAttribute AddInteger(string name, string unit = "", string description = "", int fill = IntegerAttribute.Missing)
    {
        RequireNewName(name);
        var attribute = new IntegerAttribute(name, unit, description, Count, fill);
        _attributes.Add(attribute);
        return attribute;
    }

    /// <summary>True when an attribute of that name (ignoring case) exists.</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The attribute of that name (ignoring case).</summary>
    /// <exception cref="KeyNotFoundException">No attribute has that name.</exception>
    public BlockAttribute this[string name] =>
        Find(name) ?? throw new KeyNotFoundException($"The block model has no attribute '{name}'. It has: {string.Join(", ", _attributes.Select(a => a.Name))}.");

    /// <summary>The double attribute of that name.</summary>
    /// <exception cref="KeyNotFoundException">No attribute has that name.</exception>
    /// <exception cref="InvalidOperationException">The attribute holds integer codes.</exception>
    public DoubleAttribute GetDouble(string name) => this[name] as DoubleAttribute
        ?? throw new InvalidOperationException($"Attribute '{name}' holds integer codes, not doubles.");

    /// <summary>The integer attribute of that name.</summary>
    /// <exception cref="KeyNotFoundException">No attribute has that name.</exception>
    /// <exception cref="InvalidOperationException">The attribute holds doubles.</exception>
    public IntegerAttribute GetInteger(string name) => this[name] as IntegerAttribute
        ?? throw new InvalidOperationException($"Attribute '{name}' holds doubles, not integer codes.");

    /// <summary>Removes an attribute; returns false when none had that name.</summary>
    public bool Remove(string name)
    {
        BlockAttribute? attribute = Find(name);
        return attribute is not null && _attributes.Remove(attribute);
    }

    /// <summary>The blocks of bench (level) <paramref name="k"/>: a contiguous run of rows.</summary>
    public BlockSelection Bench(int k)
    {
        if ((uint)k >= (uint)Grid.CountZ)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"The bench must lie in [0, {Grid.CountZ - 1}].");
        }

        int plane = Grid.CountX * Grid.CountY;
        int first = FirstRowAtOrAfter(k * plane);
        int end = FirstRowAtOrAfter((k + 1) * plane);
        return BlockSelection.Range(this, first, end - first);
    }

    /// <summary>The blocks whose integer attribute equals <paramref name="code"/> (for example, a domain).</summary>
    public BlockSelection WhereCode(string attributeName, int code)
    {
        IntegerAttribute attribute = GetInteger(attributeName);
        return Where(row => attribute[row] == code);
    }

    /// <summary>The rows for which a predicate holds.</summary>
    public BlockSelection Where(Func<int, bool> rowPredicate)
    {
        ArgumentNullException.ThrowIfNull(rowPredicate);
        var rows = new List<int>();
        for (int row = 0; row < Count; row++)
        {
            if (rowPredicate(row))
            {
                rows.Add(row);
            }
        }

        return BlockSelection.Rows(this, rows.ToArray());
    }

    /// <summary>The rows whose entry in a mask (one entry per row) is true.</summary>
    /// <exception cref="ArgumentException">The mask's length is not <see cref="Count"/>.</exception>
    public BlockSelection Where(ReadOnlySpan<bool> mask)
    {
        if (mask.Length != Count)
        {
            throw new ArgumentException($"The mask has {mask.Length} entries; the model has {Count} rows.", nameof(mask));
        }

        var rows = new List<int>();
        for (int row = 0; row < mask.Length; row++)
        {
            if (mask[row])
            {
                rows.Add(row);
            }
        }

        return BlockSelection.Rows(this, rows.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"BlockModel: {Count} of {Grid.BlockCount} blocks active, {_attributes.Count} attributes; {Grid}";

    private int FirstRowAtOrAfter(int linearIndex)
    {
        if (_blockOfRow is null)
        {
            return linearIndex;
        }

        int row = Array.BinarySearch(_blockOfRow, linearIndex);
        return row >= 0 ? row : ~row;
    }

    private BlockAttribute? Find(string name) =>
        _attributes.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    private void RequireNewName(string name)
    {
        BlockAttribute.ValidateName(name);
        if (Contains(name))
        {
            throw new ArgumentException($"The block model already has an attribute named '{name}'.", nameof(name));
        }
    }
}
