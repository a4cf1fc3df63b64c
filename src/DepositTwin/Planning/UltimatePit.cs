using System.Globalization;
using DepositTwin.BlockModels;

namespace DepositTwin.Planning;

/// <summary>An optimal pit: which blocks it mines and what it is worth.</summary>
public sealed class PitSolution
{
    private readonly bool[] _inPit;

    internal PitSolution(bool[] inPit, double value, TimeSpan elapsed)
    {
        _inPit = inPit;
        Value = value;
        Elapsed = elapsed;
        BlockCount = inPit.Count(b => b);
    }

    /// <summary>Per block, whether the pit mines it.</summary>
    public ReadOnlySpan<bool> InPit => _inPit;

    /// <summary>Blocks mined.</summary>
    public int BlockCount { get; }

    /// <summary>The pit's value: the exact sum of the values of its blocks.</summary>
    public double Value { get; }

    /// <summary>Time spent solving (without reading input).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The ids of the blocks mined, ascending.</summary>
    public IEnumerable<int> Blocks()
    {
        for (int b = 0; b < _inPit.Length; b++)
        {
            if (_inPit[b])
            {
                yield return b;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"ultimate pit: {BlockCount:N0} blocks, value {Value:N0}, solved in {Elapsed.TotalSeconds:0.000} s");
}

/// <summary>
/// The ultimate pit limit: the set of blocks, closed under the precedence, of greatest total value — found
/// exactly as a minimum cut by Hochbaum's pseudoflow algorithm.
/// </summary>
public static class UltimatePit
{
    /// <summary>Solves the ultimate pit.</summary>
    /// <param name="values">Economic value of each block (negative for waste); one per block of the precedence.</param>
    /// <param name="precedence">Which blocks need which.</param>
    /// <param name="resolution">
    /// The solver works in whole multiples of this (value units, e.g. 0.01 for cents), exactly; values are
    /// rounded to it. Integer values are solved exactly with 1 (the default).
    /// </param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <exception cref="ArgumentException">The counts differ, a value is not finite, or the values overflow 64-bit integers at that resolution.</exception>
    public static PitSolution Solve(ReadOnlySpan<double> values, Precedence precedence, double resolution = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(precedence);
        if (values.Length != precedence.BlockCount)
        {
            throw new ArgumentException($"{values.Length} values for {precedence.BlockCount} blocks.", nameof(values));
        }

        if (!(resolution > 0) || !double.IsFinite(resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The resolution must be finite and positive.");
        }

        var units = new long[values.Length];
        double positive = 0;
        for (int b = 0; b < values.Length; b++)
        {
            if (!double.IsFinite(values[b]))
            {
                throw new ArgumentException($"Block {b} has the value {values[b]}.", nameof(values));
            }

            double scaled = Math.Round(values[b] / resolution);
            positive += Math.Max(0, scaled);
            units[b] = (long)scaled;
        }

        if (positive > 1e18)
        {
            throw new ArgumentException($"The positive values add up to {positive:G3} units of {resolution}: more than 64-bit flows hold. Use a coarser resolution.", nameof(values));
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool[] inPit = precedence.MinimumCut(units, cancellationToken);
        var value = new ExactSum();
        for (int b = 0; b < inPit.Length; b++)
        {
            if (inPit[b])
            {
                value.Add(values[b]);
            }
        }

        return new PitSolution(inPit, value.Value, clock.Elapsed);
    }

    /// <summary>
    /// Solves the pit of a block model: block values from an attribute (inactive blocks are air: value 0),
    /// precedence from a pattern over its grid; writes 1 (in the pit) or 0 to an integer attribute.
    /// </summary>
    /// <param name="model">The block model.</param>
    /// <param name="valueAttribute">The block value attribute (NaN counts as 0).</param>
    /// <param name="pattern">The slope precedence over the model's grid.</param>
    /// <param name="pitAttribute">The integer attribute to write.</param>
    /// <param name="resolution">Value resolution of the solver.</param>
    /// <param name="cancellationToken">Stops the solve.</param>
    /// <param name="isAir">Rows to treat as air as well (e.g. blocks already mined out): value 0, never flagged; null for none.</param>
    public static PitSolution SolveModel(BlockModel model, string valueAttribute, PrecedencePattern pattern, string pitAttribute = "pit",
        double resolution = 0.01, Func<int, bool>? isAir = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        DoubleAttribute value = model.GetDouble(valueAttribute);
        var grid = model.Grid;
        var values = new double[grid.BlockCount];
        for (int row = 0; row < model.Count; row++)
        {
            // A block without a value (no tonnes, no grade) is neither a gain nor a cost of its own.
            values[model.BlockOf(row)] = double.IsNaN(value[row]) || isAir?.Invoke(row) == true ? 0 : value[row];
        }

        PitSolution pit = Solve(values, Precedence.Grid(grid.CountX, grid.CountY, grid.CountZ, pattern), resolution, cancellationToken);
        IntegerAttribute flag = model.Contains(pitAttribute) ? model.GetInteger(pitAttribute) : model.AddInteger(pitAttribute, description: "1 in the ultimate pit");
        for (int row = 0; row < model.Count; row++)
        {
            flag[row] = pit.InPit[model.BlockOf(row)] && isAir?.Invoke(row) != true ? 1 : 0;
        }

        return pit;
    }
}
