using System.Globalization;

namespace DepositTwin.Planning;

/// <summary>A schedule of a MineLib CPIT instance with its objective, bound and feasibility.</summary>
/// <param name="PeriodOfBlock">Per block, its period; −1 when not mined.</param>
/// <param name="Objective">Σ value × (1 + rate)^−t over mined blocks (MineLib's objective: period t 0-based).</param>
/// <param name="UpperBound">The ultimate pit's value, a bound on every CPIT schedule's objective.</param>
/// <param name="LowerLimitShortfalls">Resource limits of sense G or I whose lower side the schedule misses (the heuristic only guarantees upper limits).</param>
public sealed record CpitSchedule(int[] PeriodOfBlock, double Objective, double UpperBound, IReadOnlyList<ResourceLimit> LowerLimitShortfalls)
{
    /// <summary>Objective over bound: how close to optimal the schedule is at least.</summary>
    public double FractionOfUpperBound => UpperBound > 0 ? Objective / UpperBound : double.NaN;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPIT schedule: objective {Objective:N0}, upper bound {UpperBound:N0} ({FractionOfUpperBound:P1}), {PeriodOfBlock.Count(p => p >= 0):N0} blocks mined");
}

/// <summary>
/// A TopoSort-style heuristic for MineLib's constrained pit limit problem (CPIT): blocks of the ultimate pit
/// are ordered by the nested pit they first enter (positive values scaled by factors from 0.05 to 1), then
/// topologically, and each is put in the earliest period after its predecessors whose upper resource limits
/// it fits. Upper bound: the ultimate pit's value (discount factors are at most 1).
/// </summary>
public static class CpitHeuristic
{
    /// <summary>Schedules a CPIT instance.</summary>
    /// <exception cref="ArgumentException">The problem is not CPIT, or the precedence has another block count.</exception>
    public static CpitSchedule Solve(MineLibProblem problem, Precedence precedence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(precedence);
        if (problem.Type != MineLibProblemType.Cpit || problem.BlockCount != precedence.BlockCount)
        {
            throw new ArgumentException($"A CPIT problem with {precedence.BlockCount} blocks is needed; got {problem.Type} with {problem.BlockCount}.", nameof(problem));
        }

        int n = problem.BlockCount, periods = problem.Periods, resources = problem.Resources;
        double[] value = problem.BestValues();
        var use = new double[resources][];
        for (int r = 0; r < resources; r++)
        {
            use[r] = new double[n];
        }

        foreach (ResourceUse u in problem.Uses)
        {
            use[u.Resource][u.Block] += u.Amount;
        }

        var upper = new double[resources, periods];
        var lower = new double[resources, periods];
        for (int r = 0; r < resources; r++)
        {
            for (int t = 0; t < periods; t++)
            {
                (upper[r, t], lower[r, t]) = (double.PositiveInfinity, double.NegativeInfinity);
            }
        }

        foreach (ResourceLimit l in problem.Limits)
        {
            upper[l.Resource, l.Period] = Math.Min(upper[l.Resource, l.Period], l.Upper);
            lower[l.Resource, l.Period] = Math.Max(lower[l.Resource, l.Period], l.Lower);
        }

        // Shells: positive values scaled up towards their full value; the last shell is the ultimate pit.
        var economics = new PitEconomics(use.Length > 0 ? use[0] : new double[n], value.Select(v => Math.Max(v, 0)).ToArray(), new double[n], value.Select(v => Math.Max(-v, 0)).ToArray());
        double[] factors = Enumerable.Range(1, 20).Select(i => i / 20.0).ToArray();
        NestedPits shells = NestedPits.Compute(economics, precedence, factors, 1e-6, null, cancellationToken);

        var order = TopologicalByShell(shells.ShellOfBlock, precedence);
        var period = new int[n];
        Array.Fill(period, -1);
        var used = new double[resources, periods];
        var blocked = new bool[n];
        foreach (int b in order)
        {
            int earliest = 0;
            foreach (int p in precedence.Predecessors(b))
            {
                earliest = blocked[p] ? int.MaxValue : Math.Max(earliest, period[p]);
                if (earliest == int.MaxValue)
                {
                    break;
                }
            }

            int chosen = -1;
            for (int t = earliest; t < periods && chosen < 0; t++)
            {
                bool fits = true;
                for (int r = 0; r < resources && fits; r++)
                {
                    fits = used[r, t] + use[r][b] <= upper[r, t] + 1e-9 * Math.Abs(upper[r, t]);
                }

                chosen = fits ? t : -1;
            }

            if (chosen < 0)
            {
                blocked[b] = true;
                continue;
            }

            period[b] = chosen;
            for (int r = 0; r < resources; r++)
            {
                used[r, chosen] += use[r][b];
            }
        }

        var objective = new ExactSum();
        for (int b = 0; b < n; b++)
        {
            if (period[b] >= 0)
            {
                objective.Add(value[b] / Math.Pow(1 + problem.DiscountRate, period[b]));
            }
        }

        var shortfalls = problem.Limits.Where(l => l.Sense != LimitSense.AtMost && used[l.Resource, l.Period] < l.Lower - 1e-9 * Math.Abs(l.Lower)).ToList();
        double bound = shells.Pits.Count > 0 ? shells.Pits[^1].Value : 0;
        return new CpitSchedule(period, objective.Value, bound, shortfalls);
    }

    /// <summary>The blocks of the final pit, shell by shell, each after all its predecessors.</summary>
    private static List<int> TopologicalByShell(ReadOnlySpan<int> shell, Precedence precedence)
    {
        int n = shell.Length;
        int[] copy = shell.ToArray();
        int[] byShell = Enumerable.Range(0, n).Where(b => copy[b] >= 0).ToArray();
        Array.Sort(byShell, (a, b) => copy[a] != copy[b] ? copy[a].CompareTo(copy[b]) : a.CompareTo(b));
        var done = new bool[n];
        var order = new List<int>(byShell.Length);
        var stack = new Stack<(int Block, IEnumerator<int> Predecessors)>();
        foreach (int start in byShell)
        {
            if (done[start])
            {
                continue;
            }

            done[start] = true;
            stack.Push((start, precedence.Predecessors(start).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (b, predecessors) = stack.Peek();
                if (predecessors.MoveNext())
                {
                    int p = predecessors.Current;
                    if (!done[p])
                    {
                        done[p] = true;
                        stack.Push((p, precedence.Predecessors(p).GetEnumerator()));
                    }
                }
                else
                {
                    stack.Pop();
                    order.Add(b);
                }
            }
        }

        return order;
    }
}
