using System.Globalization;
using System.Text;

namespace DepositTwin.Planning;

/// <summary>Capacities and the discount rate of a production schedule.</summary>
public sealed record ScheduleOptions
{
    /// <summary>Rock tonnes that can be mined per period.</summary>
    public required double MiningCapacity { get; init; }

    /// <summary>Ore tonnes the mill can treat per period.</summary>
    public required double ProcessingCapacity { get; init; }

    /// <summary>Discount rate per period (e.g. 0.08); cash flows sit at the end of each period: period t (0-based) is discounted by (1 + r)^−(t+1).</summary>
    public double DiscountRate { get; init; } = 0.08;

    /// <summary>At most this many periods are scheduled.</summary>
    public int MaximumPeriods { get; init; } = 100;
}

/// <summary>What one period of a schedule mines and earns.</summary>
/// <param name="Period">0-based period.</param>
/// <param name="RockTonnes">Tonnes mined.</param>
/// <param name="OreTonnes">Tonnes processed.</param>
/// <param name="Metal">Recovered metal.</param>
/// <param name="CashFlow">Undiscounted cash flow.</param>
/// <param name="DiscountedCashFlow">Discounted cash flow.</param>
public readonly record struct SchedulePeriod(int Period, double RockTonnes, double OreTonnes, double Metal, double CashFlow, double DiscountedCashFlow);

/// <summary>
/// A production schedule by bench-phase sequencing: phases in order, each bench by bench from the top, the
/// bench of a phase only after the same bench of the phase inside it and the bench above; ore goes to the
/// mill, and ore that finds the mill full waits on its bench for the next period (waste on the bench and
/// outer phases go on meanwhile), so the mill, not the shovel, sets the pace when it is the bottleneck. The undiscounted value of the pit is reported as
/// an upper bound, so the gap shows how far from optimal the schedule can be at most.
/// </summary>
/// <remarks>
/// These rules keep every precedence arc (a block's predecessors lie in its own or inner phases, on higher
/// benches, which are mined first). Only an ore block larger than the whole mill capacity is dumped
/// (<see cref="OreDumped"/>); stockpiles are not modelled yet.
/// </remarks>
public sealed class ProductionSchedule
{
    private readonly int[] _period;

    private ProductionSchedule(int[] period, IReadOnlyList<SchedulePeriod> periods, double upperBound, double oreDumped, int unscheduled)
    {
        _period = period;
        Periods = periods;
        UpperBound = upperBound;
        OreDumped = oreDumped;
        Unscheduled = unscheduled;
        var npv = new ExactSum();
        foreach (SchedulePeriod p in periods)
        {
            npv.Add(p.DiscountedCashFlow);
        }

        NetPresentValue = npv.Value;
    }

    /// <summary>The periods.</summary>
    public IReadOnlyList<SchedulePeriod> Periods { get; }

    /// <summary>Per block, the period it is mined in; −1 when not mined.</summary>
    public ReadOnlySpan<int> PeriodOfBlock => _period;

    /// <summary>Net present value.</summary>
    public double NetPresentValue { get; }

    /// <summary>An upper bound on the NPV of any schedule of these blocks: the pit's undiscounted value.</summary>
    public double UpperBound { get; }

    /// <summary>Ore tonnes dumped because the mill was full.</summary>
    public double OreDumped { get; }

    /// <summary>Blocks of the pit left unmined (the period limit was reached).</summary>
    public int Unscheduled { get; }

    /// <summary>The NPV as a fraction of the upper bound.</summary>
    public double FractionOfUpperBound => UpperBound > 0 ? NetPresentValue / UpperBound : double.NaN;

    /// <summary>Schedules the phases.</summary>
    /// <param name="economics">Block economics (revenue factor 1 decides ore and value).</param>
    /// <param name="phases">The pushbacks.</param>
    /// <param name="blocksPerBench">Blocks per bench of the grid (nx × ny): a block's bench is its id / this.</param>
    /// <param name="options">Capacities and discount rate.</param>
    public static ProductionSchedule BenchPhase(PitEconomics economics, Pushbacks phases, int blocksPerBench, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(phases);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(blocksPerBench, 1);
        if (!(options.MiningCapacity > 0) || !(options.ProcessingCapacity > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Mining and processing capacities must be positive.");
        }

        int n = economics.BlockCount, phaseCount = phases.Count;
        // Units: per phase, per bench from the top, the blocks (richest first: no precedence within a bench).
        var units = new List<int>[phaseCount];
        var benches = new SortedDictionary<int, List<int>>[phaseCount];
        for (int p = 0; p < phaseCount; p++)
        {
            benches[p] = new SortedDictionary<int, List<int>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        }

        var bound = new ExactSum();
        for (int b = 0; b < n; b++)
        {
            int p = phases.PhaseOfBlock[b];
            if (p < 0)
            {
                continue;
            }

            bound.Add(economics.ValueAt(b, 1));
            int k = b / blocksPerBench;
            if (!benches[p].TryGetValue(k, out List<int>? list))
            {
                benches[p][k] = list = [];
            }

            list.Add(b);
        }

        int[][] benchOrder = benches.Select(d => d.Keys.ToArray()).ToArray();
        // The blocks of each bench still to mine, richest first.
        List<int>[][] remaining = benches.Select(d => d.Values.Select(l => l.OrderByDescending(b => economics.ValueAt(b, 1)).ThenBy(b => b).ToList()).ToArray()).ToArray();
        var nextBench = new int[phaseCount];   // index into benchOrder[p] of the top bench not yet finished
        var period = new int[n];
        Array.Fill(period, -1);
        var periods = new List<SchedulePeriod>();
        double dumped = 0;

        // The topmost unfinished bench of a phase (int.MinValue when the phase is done).
        int Top(int p) => nextBench[p] < benchOrder[p].Length ? benchOrder[p][nextBench[p]] : int.MinValue;
        bool Available(int p) => Top(p) != int.MinValue && (p == 0 || Top(p - 1) < Top(p));

        for (int t = 0; t < options.MaximumPeriods && Enumerable.Range(0, phaseCount).Any(p => Top(p) != int.MinValue); t++)
        {
            double mine = options.MiningCapacity, mill = options.ProcessingCapacity;
            ExactSum rock = new(), milled = new(), metal = new(), cash = new();
            bool progressed = true;
            while (progressed && mine > 0)
            {
                // Inner phases first; a bench whose ore waits for mill room stays open, and the next phase may go on.
                progressed = false;
                for (int p = 0; p < phaseCount && mine > 0; p++)
                {
                    if (!Available(p))
                    {
                        continue;
                    }

                    List<int> bench = remaining[p][nextBench[p]];
                    for (int i = 0; i < bench.Count && mine > 0;)
                    {
                        int b = bench[i];
                        double tonnes = economics.Tonnes[b];
                        bool ore = economics.IsOre(b, 1);
                        // A block larger than a period's capacity is mined alone in a period of its own.
                        bool fits = tonnes <= mine || mine == options.MiningCapacity;
                        if (!fits || (ore && tonnes > mill && mill < options.ProcessingCapacity))
                        {
                            i++; // ore waits for an empty mill rather than being dumped
                            continue;
                        }

                        mine -= tonnes;
                        rock.Add(tonnes);
                        period[b] = t;
                        bench.RemoveAt(i);
                        progressed = true;
                        if (ore && tonnes <= mill)
                        {
                            mill -= tonnes;
                            milled.Add(tonnes);
                            metal.Add(economics.Metal?[b] ?? 0);
                            cash.Add(economics.ValueAt(b, 1));
                        }
                        else
                        {
                            // Only ore larger than the whole mill reaches the dump.
                            dumped += ore ? tonnes : 0;
                            cash.Add(-economics.MiningCost[b]);
                        }
                    }

                    if (bench.Count == 0)
                    {
                        nextBench[p]++;
                        progressed = true;
                    }
                }
            }

            double flow = cash.Value;
            periods.Add(new SchedulePeriod(t, rock.Value, milled.Value, metal.Value, flow, flow / Math.Pow(1 + options.DiscountRate, t + 1)));
        }

        int unscheduled = Enumerable.Range(0, n).Count(b => phases.PhaseOfBlock[b] >= 0 && period[b] < 0);
        return new ProductionSchedule(period, periods, bound.Value, dumped, unscheduled);
    }

    /// <summary>The schedule as a Markdown table with the NPV and the bound.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("| period | rock t | ore t | metal | cash flow | discounted |\n|---:|---:|---:|---:|---:|---:|\n");
        foreach (SchedulePeriod p in Periods)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.Period + 1} | {p.RockTonnes:N0} | {p.OreTonnes:N0} | {p.Metal:N0} | {p.CashFlow:N0} | {p.DiscountedCashFlow:N0} |");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"NPV {NetPresentValue:N0}; upper bound (undiscounted pit value) {UpperBound:N0}: the schedule reaches {FractionOfUpperBound:P1} of it. Ore dumped for lack of mill capacity: {OreDumped:N0} t; blocks unscheduled: {Unscheduled}.");
        return text.ToString();
    }
}
