namespace DepositTwin;

/// <summary>Linear interpolation in a table, flat beyond its ends: recovery curves, quantiles, normal-score tables.</summary>
internal static class PiecewiseLinear
{
    /// <summary>
    /// y at <paramref name="at"/> for x ascending: y[0] at or below x[0], y[^1] at or above x[^1], the first
    /// point whose x equals <paramref name="at"/>, else linear between the points around it. NaN gives NaN.
    /// </summary>
    public static double Interpolate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double at)
    {
        if (double.IsNaN(at))
        {
            return double.NaN;
        }

        if (at <= x[0])
        {
            return y[0];
        }

        if (at >= x[^1])
        {
            return y[^1];
        }

        // The first x ≥ at (binary search for the lower bound).
        int lo = 0, hi = x.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (x[mid] < at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return x[lo] == at ? y[lo] : y[lo - 1] + (at - x[lo - 1]) / (x[lo] - x[lo - 1]) * (y[lo] - y[lo - 1]);
    }
}
