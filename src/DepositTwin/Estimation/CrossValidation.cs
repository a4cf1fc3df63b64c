using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.Estimation;

/// <summary>What cross-validation leaves out when it re-estimates a sample.</summary>
public enum LeaveOut
{
    /// <summary>The sample itself (leave-one-out).</summary>
    Sample,

    /// <summary>Every sample of the sample's drillhole (leave-one-hole-out): a harsher, more honest test.</summary>
    Hole,
}

/// <summary>One cross-validated sample.</summary>
/// <param name="Location">Where the sample is.</param>
/// <param name="Observed">Its value.</param>
/// <param name="Estimate">The estimate without it.</param>
/// <param name="Variance">The kriging variance of that estimate (NaN for non-kriging methods).</param>
public readonly record struct CrossValidationPoint(Point3 Location, double Observed, double Estimate, double Variance)
{
    /// <summary>Observed − estimate (gstat's sign).</summary>
    public double Residual => Observed - Estimate;

    /// <summary>The residual over the kriging standard deviation.</summary>
    public double StandardisedResidual => Residual / Math.Sqrt(Variance);
}

/// <summary>Cross-validation results and their summary statistics (gstat's and the usual mining ones).</summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(CrossValidationPoint[] points)
    {
        Points = points;
        CrossValidationPoint[] ok = points.Where(p => !double.IsNaN(p.Estimate)).ToArray();
        Count = ok.Length;
        Unestimated = points.Length - ok.Length;
        double n = ok.Length;
        MeanError = ok.Sum(p => p.Residual) / n;
        RootMeanSquareError = Math.Sqrt(ok.Sum(p => p.Residual * p.Residual) / n);
        MeanAbsoluteError = ok.Sum(p => Math.Abs(p.Residual)) / n;
        double[] z = ok.Select(p => p.StandardisedResidual).ToArray();
        MeanStandardisedError = z.Average();
        VarianceOfStandardisedError = z.Sum(v => (v - MeanStandardisedError) * (v - MeanStandardisedError)) / (n - 1);
        MeanSquaredStandardisedError = z.Sum(v => v * v) / n;
        double mo = ok.Average(p => p.Observed), me = ok.Average(p => p.Estimate);
        double so = ok.Sum(p => (p.Observed - mo) * (p.Observed - mo)), se = ok.Sum(p => (p.Estimate - me) * (p.Estimate - me));
        Correlation = ok.Sum(p => (p.Observed - mo) * (p.Estimate - me)) / Math.Sqrt(so * se);
        double slopeDenominator = se;
        SlopeObservedOnEstimate = ok.Sum(p => (p.Observed - mo) * (p.Estimate - me)) / slopeDenominator;
    }

    /// <summary>Every sample, in the input order (those without a value are not included).</summary>
    public IReadOnlyList<CrossValidationPoint> Points { get; }

    /// <summary>Samples re-estimated.</summary>
    public int Count { get; }

    /// <summary>Samples no pass could re-estimate (left out of the statistics).</summary>
    public int Unestimated { get; }

    /// <summary>Mean error (observed − estimate).</summary>
    public double MeanError { get; }

    /// <summary>Root mean square error.</summary>
    public double RootMeanSquareError { get; }

    /// <summary>Mean absolute error.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Mean of the standardised errors (≈ 0 for a good model).</summary>
    public double MeanStandardisedError { get; }

    /// <summary>Variance (n − 1) of the standardised errors (≈ 1 when the kriging variance is right).</summary>
    public double VarianceOfStandardisedError { get; }

    /// <summary>Mean squared standardised error.</summary>
    public double MeanSquaredStandardisedError { get; }

    /// <summary>Pearson correlation of observed and estimated values.</summary>
    public double Correlation { get; }

    /// <summary>Slope of the regression of observed on estimated values (1 = conditionally unbiased).</summary>
    public double SlopeObservedOnEstimate { get; }
}

/// <summary>Leave-one-out and leave-one-hole-out cross-validation with the estimation engine.</summary>
public static class CrossValidation
{
    /// <summary>Re-estimates every sample from the others (point support; the model is not refitted).</summary>
    /// <param name="samples">The samples.</param>
    /// <param name="variable">The column.</param>
    /// <param name="plan">The plan (its discretisation is ignored).</param>
    /// <param name="leaveOut">Leave out the sample, or its whole drillhole.</param>
    /// <param name="progress">Receives progress in samples.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static CrossValidationResult Run(SampleSet samples, string variable, EstimationPlan plan, LeaveOut leaveOut = LeaveOut.Sample,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        SampleSet used = samples.WithValues(variable, out _);
        var engine = new EstimationEngine(used, variable, plan, [Point3.Zero]);
        Point3[] locations = used.Locations.ToArray();
        int[] holes = used.HoleIds.ToArray();
        double[] values = used.Values(variable).ToArray();
        var results = new CrossValidationPoint[used.Count];
        engine.Run(used.Count, t => locations[t],
            (int t, in BlockEstimate e) => results[t] = new CrossValidationPoint(locations[t], values[t], e.Estimate, e.Variance),
            t => leaveOut == LeaveOut.Sample ? (t, null) : (-1, holes[t]), progress, cancellationToken);
        return new CrossValidationResult(results);
    }
}
