using DepositTwin.Planning;

namespace DepositTwin.Tests.Planning;

public class ScheduleTests
{
    /// <summary>A 16 × 16 × 8 model of 1,000 t blocks: a rich pipe in the middle, poorer around, waste outside.</summary>
    private static (PitEconomics Economics, Precedence Precedence) Pipe()
    {
        const int nx = 16, ny = 16, nz = 8;
        int n = nx * ny * nz;
        var (tonnes, revenue, processing, mining, metal) = (new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (int k = 0; k < nz; k++)
        {
            for (int j = 0; j < ny; j++)
            {
                for (int i = 0; i < nx; i++)
                {
                    int b = i + nx * (j + ny * k);
                    double r = Math.Sqrt((i - 7.5) * (i - 7.5) + (j - 7.5) * (j - 7.5));
                    double grade = Math.Max(0, 1.2 - 0.25 * r) * (0.6 + 0.05 * k);   // % Cu, richer at depth
                    tonnes[b] = 1000;
                    revenue[b] = 1000 * grade * 70;       // $70 per t per % Cu
                    processing[b] = 1000 * 10;
                    mining[b] = 1000 * 2;
                    metal[b] = 1000 * grade * 0.01 * 0.88;
                }
            }
        }

        return (new PitEconomics(tonnes, revenue, processing, mining, metal), Precedence.Grid(nx, ny, nz, PrecedencePattern.OneNine));
    }

    [Fact]
    public void Nested_pits_nest_and_the_last_is_the_ultimate_pit()
    {
        var (economics, precedence) = Pipe();
        double[] factors = [0.4, 0.6, 0.8, 1.0, 1.2];
        NestedPits pits = NestedPits.Compute(economics, precedence, factors);
        Assert.Equal(factors.Length, pits.Pits.Count);
        Assert.True(pits.Pits.Zip(pits.Pits.Skip(1)).All(p => p.Second.Blocks >= p.First.Blocks && p.Second.Tonnes >= p.First.Tonnes));

        // The pit at revenue factor 1 is the ultimate pit of the values at 1.
        double[] values = Enumerable.Range(0, economics.BlockCount).Select(b => economics.ValueAt(b, 1)).ToArray();
        PitSolution upl = UltimatePit.Solve(values, precedence, 0.01);
        Assert.Equal(upl.Value, pits.Pits[3].Value, 1e-6);
        // Every pit is closed: a block's predecessors enter no later than it does.
        for (int b = 0; b < economics.BlockCount; b++)
        {
            if (pits.ShellOfBlock[b] >= 0)
            {
                Assert.All(precedence.Predecessors(b), p => Assert.InRange(pits.ShellOfBlock[p], 0, pits.ShellOfBlock[b]));
            }
        }

        Assert.Contains("| 4 | 1.00 |", pits.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pushbacks_hold_their_minimum_tonnage_and_the_schedule_keeps_precedence_and_capacities()
    {
        var (economics, precedence) = Pipe();
        NestedPits pits = NestedPits.Compute(economics, precedence, Enumerable.Range(1, 10).Select(i => i / 10.0).ToArray());
        double total = pits.Pits[^1].Tonnes;
        Pushbacks phases = Pushbacks.Choose(pits, economics, 0.2 * total);
        Assert.True(phases.Count >= 2);
        Assert.All(phases.PhaseTonnes, t => Assert.True(t >= 0.2 * total));
        Assert.Equal(total, phases.PhaseTonnes.Sum(), 1e-6);

        var options = new ScheduleOptions { MiningCapacity = 60_000, ProcessingCapacity = 20_000, DiscountRate = 0.1 };
        ProductionSchedule schedule = ProductionSchedule.BenchPhase(economics, phases, 16 * 16, options);
        for (int b = 0; b < economics.BlockCount; b++)
        {
            int t = schedule.PeriodOfBlock[b];
            Assert.Equal(phases.PhaseOfBlock[b] >= 0, t >= 0);
            if (t >= 0)
            {
                Assert.All(precedence.Predecessors(b), p => Assert.InRange(schedule.PeriodOfBlock[p], 0, t));
            }
        }

        Assert.All(schedule.Periods, p => Assert.True(p.RockTonnes <= 60_000 && p.OreTonnes <= 20_000));
        Assert.Equal(0, schedule.Unscheduled);
        Assert.True(schedule.NetPresentValue > 0 && schedule.NetPresentValue <= schedule.UpperBound);
        Assert.Equal(schedule.Periods.Sum(p => p.DiscountedCashFlow), schedule.NetPresentValue, 1e-6);
        Assert.True(schedule.Periods.Sum(p => p.CashFlow) <= schedule.UpperBound + 1e-6);
        Assert.Contains("upper bound", schedule.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_periods_by_hand()
    {
        // Four blocks side by side on one bench, one phase: 2,000 t a period, a mill of 1,000 t.
        var economics = new PitEconomics([1000, 1000, 1000, 1000], [30_000, 20_000, 0, 0], [10_000, 10_000, 0, 0], [2000, 2000, 2000, 2000]);
        var precedence = Precedence.Grid(4, 1, 1, PrecedencePattern.OneFive);
        NestedPits pits = NestedPits.Compute(economics, precedence, [1.0]);
        Assert.Equal(2, pits.Pits[0].Blocks); // the two ore blocks only
        Pushbacks phases = Pushbacks.Choose(pits, economics, 0);
        var schedule = ProductionSchedule.BenchPhase(economics, phases, 4, new ScheduleOptions { MiningCapacity = 2000, ProcessingCapacity = 1000, DiscountRate = 0.1 });
        // The mill takes one block a period: the richer first (18,000), the other waits a period (8,000 / 1.1²).
        Assert.Equal([0, 1, -1, -1], schedule.PeriodOfBlock);
        Assert.Equal([18_000.0, 8_000], schedule.Periods.Select(p => p.CashFlow));
        Assert.Equal(18_000 / 1.1 + 8_000 / 1.21, schedule.NetPresentValue, 1e-9);
        Assert.Equal(0, schedule.OreDumped);
        Assert.Equal(26_000, schedule.UpperBound);
    }
}
