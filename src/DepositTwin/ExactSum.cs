namespace DepositTwin;

/// <summary>
/// A sum of doubles that is exact until the final rounding (Shewchuk's non-overlapping partials, the
/// method behind Python's <c>math.fsum</c>): the total is the correctly rounded sum whatever the order of
/// the terms, so resource totals reproduce bit for bit across runs, block orders and thread counts.
/// </summary>
internal sealed class ExactSum
{
    private readonly List<double> _partials = new(4);

    public void Add(double x)
    {
        int kept = 0;
        for (int i = 0; i < _partials.Count; i++)
        {
            double y = _partials[i];
            if (Math.Abs(x) < Math.Abs(y))
            {
                (x, y) = (y, x);
            }

            double high = x + y;
            double low = y - (high - x);
            if (low != 0)
            {
                _partials[kept++] = low;
            }

            x = high;
        }

        _partials.RemoveRange(kept, _partials.Count - kept);
        _partials.Add(x);
    }

    /// <summary>The correctly rounded total.</summary>
    public double Value
    {
        get
        {
            int n = _partials.Count;
            if (n == 0)
            {
                return 0;
            }

            // Add the partials from the largest down until the sum stops being exact.
            double high = _partials[--n], low = 0;
            while (n > 0)
            {
                double x = high, y = _partials[--n];
                high = x + y;
                low = y - (high - x);
                if (low != 0)
                {
                    break;
                }
            }

            // Round half-way cases correctly: when the rest has the sign of the remainder, the remainder is not a tie.
            if (n > 0 && ((low < 0 && _partials[n - 1] < 0) || (low > 0 && _partials[n - 1] > 0)))
            {
                double doubled = 2 * low, sum = high + doubled;
                if (doubled == sum - high)
                {
                    high = sum;
                }
            }

            return high;
        }
    }
}
