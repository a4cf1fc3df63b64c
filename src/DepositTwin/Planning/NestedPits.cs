using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;

namespace DepositTwin.Planning;

/// <summary>
/// Per block (in precedence order of ids): tonnes, revenue if processed, and the costs of processing and of
/// mining, from which the value at any revenue factor f follows: max(f × revenue − processing, 0) − mining.
/// </summary>
/// <param name="Tonnes">Rock tonnes per block (0 for air).</param>
/// <param name="Revenue">Net revenue if processed (e.g. tonnes × NSR).</param>
/// <param name="ProcessingCost">Processing and G&amp;A cost if processed.</param>
/// <param name="MiningCost">Mining cost.</param>
/// <param name="Metal">Optional recoverable metal if processed (for the pit-by-pit table).</param>
public sealed record PitEconomics(double[] Tonnes, double[] Revenue, double[] ProcessingCost, double[] MiningCost, double[]? Metal = null)
{
    /// <summary>Number of blocks.</summary>
    public int BlockCount => Tonnes.Length;

    /// <summary>The value of a block at a revenue factor: the better of milling and dumping.</summary>
    public double ValueAt(int block, double factor) => Math.Max(factor * Revenue[block] - ProcessingCost[block], 0) - MiningCost[block];

    /// <summary>True when a block pays to process at a revenue factor.</summary>
    public bool IsOre(int block, double factor) => factor * Revenue[block] - ProcessingCost[block] > 0;

    /// <summary>
    /// Economics of every block of a model's grid (linear index order; inactive blocks are air: all zero)
    /// from block economics and tonnes; the first commodity's recovered metal is the metal.
    /// </summary>
    public static PitEconomics FromBlockModel(BlockModel model, Resources.BlockEconomics economics, string tonnes = "tonnes")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(economics);
        int n = model.Grid.BlockCount;
        var (t, revenue, processing, mining, metal) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
        DoubleAttribute tons = model.GetDouble(tonnes);
        DoubleAttribute[] grades = economics.Commodities.Select(c => model.GetDouble(c.GradeAttribute)).ToArray();
        Span<double> g = stackalloc double[grades.Length];
        Resources.Commodity first = economics.Commodities[0];
        for (int row = 0; row < model.Count; row++)
        {
            int b = model.BlockOf(row);
            double mass = double.IsNaN(tons[row]) ? 0 : tons[row];
            for (int c = 0; c < grades.Length; c++)
            {
                g[c] = grades[c][row];
            }

            t[b] = mass;
            revenue[b] = mass * economics.NetSmelterReturn(g);
            processing[b] = mass * (economics.ProcessingCost + economics.GeneralAndAdministrativeCost);
            mining[b] = mass * economics.MiningCost;
            metal[b] = double.IsNaN(g[0]) ? 0 : mass * g[0] * first.MetalPerGradeUnit * first.Recovery.At(g[0]);
        }

        return new PitEconomics(t, revenue, processing, mining, metal);
    }
}

/// <summary>One nested pit of the pit-by-pit table.</summary>
/// <param name="RevenueFactor">The revenue factor it was solved at.</param>
/// <param name="Blocks">Blocks in the pit.</param>
/// <param name="Tonnes">Rock tonnes.</param>
/// <param name="OreTonnes">Tonnes that pay to process at revenue factor 1.</param>
/// <param name="Metal">Recovered metal of the ore.</param>
/// <param name="Value">Undiscounted value at revenue factor 1.</param>
public readonly record struct NestedPit(double RevenueFactor, int Blocks, double Tonnes, double OreTonnes, double Metal, double Value)
{
    /// <summary>Stripping ratio (waste / ore).</summary>
    public double StripRatio => OreTonnes > 0 ? (Tonnes - OreTonnes) / OreTonnes : double.NaN;
}

/// <summary>
/// Nested pits by revenue factor: the ultimate pit at each factor (ascending), each containing the one before.
/// By the lattice property of closures under values that grow with the factor, the union of the previous pit
/// and the new optimum is itself optimal at the new factor, so the shells nest without losing optimality.
/// </summary>
public sealed class NestedPits
{
    private readonly int[] _shell;

    private NestedPits(int[] shell, IReadOnlyList<NestedPit> pits)
    {
        _shell = shell;
        Pits = pits;
    }

    /// <summary>The pits, by ascending revenue factor.</summary>
    public IReadOnlyList<NestedPit> Pits { get; }

    /// <summary>Per block, the index of the first pit that contains it; −1 when none does.</summary>
    public ReadOnlySpan<int> ShellOfBlock => _shell;

    /// <summary>Solves the pits.</summary>
    /// <param name="economics">Block economics.</param>
    /// <param name="precedence">Block precedence.</param>
    /// <param name="revenueFactors">Factors (any order; solved ascending), each &gt; 0.</param>
    /// <param name="resolution">Value resolution of the solver (see <see cref="UltimatePit.Solve(ReadOnlySpan{double}, Precedence, double, CancellationToken)"/>).</param>
    /// <param name="progress">Reports each pit solved.</param>
    /// <param name="cancellationToken">Stops between or inside solves.</param>
    public static NestedPits Compute(PitEconomics economics, Precedence precedence, IReadOnlyList<double> revenueFactors, double resolution = 0.01,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(precedence);
        ArgumentNullException.ThrowIfNull(revenueFactors);
        if (revenueFactors.Any(f => !(f > 0) || !double.IsFinite(f)))
        {
            throw new ArgumentOutOfRangeException(nameof(revenueFactors), "Revenue factors must be finite and positive.");
        }

        int n = economics.BlockCount;
        var shell = new int[n];
        Array.Fill(shell, -1);
        double[] factors = [.. revenueFactors.Distinct().Order()];
        var values = new double[n];
        var pits = new List<NestedPit>(factors.Length);
        for (int p = 0; p < factors.Length; p++)
        {
            for (int b = 0; b < n; b++)
            {
                values[b] = economics.ValueAt(b, factors[p]);
            }

            PitSolution pit = UltimatePit.Solve(values, precedence, resolution, cancellationToken);
            int blocks = 0;
            ExactSum tonnes = new(), ore = new(), metal = new(), value = new();
            for (int b = 0; b < n; b++)
            {
                if (shell[b] < 0 && pit.InPit[b])
                {
                    shell[b] = p;
                }

                if (shell[b] >= 0)
                {
                    blocks++;
                    tonnes.Add(economics.Tonnes[b]);
                    value.Add(economics.ValueAt(b, 1));
                    if (economics.IsOre(b, 1))
                    {
                        ore.Add(economics.Tonnes[b]);
                        metal.Add(economics.Metal?[b] ?? 0);
                    }
                }
            }

            pits.Add(new NestedPit(factors[p], blocks, tonnes.Value, ore.Value, metal.Value, value.Value));
            progress?.Report(new WorkProgress("Nested pits", p + 1, factors.Length));
        }

        return new NestedPits(shell, pits);
    }

    /// <summary>The pit-by-pit table as Markdown.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("| pit | revenue factor | blocks | tonnes | ore tonnes | strip ratio | metal | value (RF 1) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int p = 0; p < Pits.Count; p++)
        {
            NestedPit x = Pits[p];
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p + 1} | {x.RevenueFactor:0.00} | {x.Blocks:N0} | {x.Tonnes:N0} | {x.OreTonnes:N0} | {x.StripRatio:0.00} | {x.Metal:N0} | {x.Value:N0} |");
        }

        return text.ToString();
    }
}
