using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests;

public class ExactSumTests
{
    private static double Sum(IEnumerable<double> values)
    {
        var sum = new ExactSum();
        foreach (double v in values)
        {
            sum.Add(v);
        }

        return sum.Value;
    }

    [Fact]
    public void Cancellation_and_tiny_terms_are_kept()
    {
        Assert.Equal(1.0, Sum([1e100, 1.0, -1e100]));
        Assert.Equal(1e-16 * 10, Sum(Enumerable.Repeat(1e-16, 10).Prepend(1.0).Append(-1.0)), 1e-30);
        Assert.Equal(0.0, Sum([]));
        // Ten times 0.1 rounds nine times in a plain loop (0.9999999999999999); once here.
        Assert.Equal(0.9999999999999999, Enumerable.Repeat(0.1, 10).Aggregate(0.0, (s, v) => s + v));
        Assert.Equal(1.0, Sum(Enumerable.Repeat(0.1, 10)));
    }

    [Property(MaxTest = 200)]
    public Property The_total_does_not_depend_on_the_order_of_the_terms() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000).Select(i => i * Math.Pow(10, i % 7 - 3) / 3.0), 80).ToArbitrary(), Gen.Choose(0, 10_000).ToArbitrary(),
            (values, seed) =>
            {
                double[] shuffled = [.. values];
                new Random(seed).Shuffle(shuffled);
                decimal exact = values.Aggregate(0m, (s, v) => s + (decimal)v);
                double total = Sum(values);
                return total == Sum(shuffled) && Math.Abs((double)exact - total) <= 1e-9 * Math.Max(1, Math.Abs(total));
            });
}
