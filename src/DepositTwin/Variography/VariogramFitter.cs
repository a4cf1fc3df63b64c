using DepositTwin.Geometry;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace DepositTwin.Variography;

/// <summary>The weights wⱼ of the weighted least-squares fit Σ wⱼ (γ̂ⱼ − γ(hⱼ))².</summary>
public enum FitWeighting
{
    /// <summary>wⱼ = 1 (ordinary least squares; gstat fit.method 6).</summary>
    Equal,

    /// <summary>wⱼ = Nⱼ, the number of pairs (gstat fit.method 1).</summary>
    Pairs,

    /// <summary>wⱼ = Nⱼ / hⱼ², hⱼ the mean pair distance (gstat's default, fit.method 7).</summary>
    PairsOverDistanceSquared,

    /// <summary>wⱼ = Nⱼ / γ(hⱼ)², with γ the model being fitted (Cressie 1985; gstat fit.method 2).</summary>
    PairsOverModelSquared,
}

/// <summary>Options of a variogram fit. Every parameter is bounded below by 0 (ranges by a small positive length).</summary>
public sealed class VariogramFitOptions
{
    /// <summary>The weighting; gstat's default N/h² unless set.</summary>
    public FitWeighting Weighting { get; init; } = FitWeighting.PairsOverDistanceSquared;

    /// <summary>Fit the nugget (else keep the initial model's).</summary>
    public bool FitNugget { get; init; } = true;

    /// <summary>Fit the structures' sills (else keep them).</summary>
    public bool FitSills { get; init; } = true;

    /// <summary>Fit the structures' major ranges (else keep them).</summary>
    public bool FitRanges { get; init; } = true;

    /// <summary>
    /// Fit the anisotropy ratios (semi-major/major, minor/major) too; null (the default) fits them when
    /// more than one direction is given. Orientations are never fitted: give them in the initial model.
    /// </summary>
    public bool? FitAnisotropyRatios { get; init; }

    /// <summary>Largest range allowed (m); null for 10 × the largest lag distance.</summary>
    public double? MaximumRange { get; init; }

    /// <summary>Extra starting points tried besides the initial model (ranges scaled by ½ and 2, …); the best fit wins.</summary>
    public bool MultipleStarts { get; init; } = true;
}

/// <summary>The result of a variogram fit.</summary>
/// <param name="Model">The fitted model.</param>
/// <param name="WeightedSse">Σ wⱼ (γ̂ⱼ − γ(hⱼ))² over every lag used.</param>
/// <param name="LagsUsed">Number of lags in the fit (lags without pairs are skipped).</param>
/// <param name="Weighting">The weighting used.</param>
public sealed record VariogramFit(VariogramModel Model, double WeightedSse, int LagsUsed, FitWeighting Weighting);

/// <summary>
/// Weighted least-squares fitting of a nested variogram model to one or several experimental variograms
/// at once (a joint anisotropic fit), with MathNet.Numerics' bounded Levenberg–Marquardt minimiser.
/// </summary>
/// <remarks>
/// Lag j of a directional variogram is modelled at the separation hⱼ·u, with u its direction vector and hⱼ
/// the lag's mean pair distance; an omnidirectional variogram is modelled along the major axis of the
/// first structure (meant for isotropic models). Semivariogram estimators only.
/// </remarks>
public static class VariogramFitter
{
    private const int PerStructure = 4; // sill, major range, anis1, anis2

    /// <summary>Fits a model to experimental variograms.</summary>
    /// <param name="initial">The starting model: its shapes, orientations and exponents are kept.</param>
    /// <param name="experimental">One or several experimental semivariograms.</param>
    /// <param name="options">Weighting, fixed parameters and bounds.</param>
    /// <exception cref="ArgumentException">No lag has pairs, or an experimental variogram is not a semivariogram.</exception>
    public static VariogramFit Fit(VariogramModel initial, IReadOnlyList<ExperimentalVariogram> experimental, VariogramFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(experimental);
        options ??= new VariogramFitOptions();
        Lag[] lags = CollectLags(initial, experimental);
        bool fitRatios = options.FitAnisotropyRatios ?? experimental.Select(e => e.Direction).Distinct().Count() > 1;
        double maxRange = options.MaximumRange ?? 10 * lags.Max(l => l.Distance);
        int structures = initial.Structures.Count;
        int n = 1 + PerStructure * structures;

        var lower = Vector<double>.Build.Dense(n);
        var upper = Vector<double>.Build.Dense(n);
        var isFixed = new List<bool> { !options.FitNugget };
        // Finite bounds: MathNet maps bounded parameters through a sine, which needs them.
        double maxSill = 10 * Math.Max(lags.Max(l => Math.Abs(l.Gamma)), initial.HasSill ? initial.TotalSill : 0);
        upper[0] = maxSill;
        for (int s = 0; s < structures; s++)
        {
            int at = 1 + PerStructure * s;
            (lower[at], upper[at]) = (1e-12 * maxSill, maxSill);
            (lower[at + 1], upper[at + 1]) = (maxRange * 1e-9, maxRange);
            (lower[at + 2], upper[at + 2]) = (1e-3, 1);
            (lower[at + 3], upper[at + 3]) = (1e-3, 1);
            isFixed.AddRange([!options.FitSills, !options.FitRanges, !fitRatios, !fitRatios]);
        }

        var x = Vector<double>.Build.Dense(lags.Length, j => j);
        var zeros = Vector<double>.Build.Dense(lags.Length);
        IObjectiveModel objective = ObjectiveFunction.NonlinearModel(
            (p, _) => Vector<double>.Build.Dense(lags.Length, j => Residual(initial, p, lags[j], options.Weighting)), x, zeros);

        VariogramFit? best = null;
        foreach (Vector<double> start in Starts(initial, options.MultipleStarts, isFixed, lower, upper))
        {
            Vector<double> p;
            try
            {
                var minimizer = new LevenbergMarquardtMinimizer(maximumIterations: 2000);
                p = minimizer.FindMinimum(objective, start, lower, upper, null, isFixed).MinimizingPoint;
            }
            catch (MaximumIterationsException)
            {
                continue;
            }

            Vector<double> initialParameters = Parameters(initial);
            for (int i = 0; i < n; i++)
            {
                if (isFixed[i])
                {
                    p[i] = initialParameters[i]; // exactly as given, free of the bounded transform's round-off
                }
            }

            VariogramModel model = Build(initial, p);
            double sse = lags.Sum(l => Square(Residual(initial, p, l, options.Weighting)));
            if (best is null || sse < best.WeightedSse)
            {
                best = new VariogramFit(model, sse, lags.Length, options.Weighting);
            }
        }

        return best ?? throw new InvalidOperationException("The variogram fit did not converge from any starting point.");
    }

    /// <summary>The weighted SSE of a given model against experimental variograms, as <see cref="Fit"/> measures it.</summary>
    public static double WeightedSse(VariogramModel model, IReadOnlyList<ExperimentalVariogram> experimental, FitWeighting weighting)
    {
        ArgumentNullException.ThrowIfNull(model);
        Lag[] lags = CollectLags(model, experimental);
        Vector<double> p = Parameters(model);
        return lags.Sum(l => Square(Residual(model, p, l, weighting)));
    }

    private static double Square(double v) => v * v;

    private readonly record struct Lag(Point3 Direction, double Distance, long Pairs, double Gamma);

    private static Lag[] CollectLags(VariogramModel model, IReadOnlyList<ExperimentalVariogram> experimental)
    {
        var lags = new List<Lag>();
        foreach (ExperimentalVariogram e in experimental)
        {
            if (e.Estimator != VariogramEstimator.Semivariogram)
            {
                throw new ArgumentException($"Only semivariograms can be fitted; got a {e.Estimator}.", nameof(experimental));
            }

            Point3 u = e.Direction.IsOmnidirectional
                ? (model.Structures.Count > 0 ? model.Structures[0].Anisotropy.Rotation.MajorAxis : new Point3(1, 0, 0))
                : e.Direction.Vector;
            lags.AddRange(e.Lags.Where(l => l.Pairs > 0 && l.MeanDistance > 0 && double.IsFinite(l.Value))
                .Select(l => new Lag(u, l.MeanDistance, l.Pairs, l.Value)));
        }

        return lags.Count > 0 ? lags.ToArray() : throw new ArgumentException("No lag has pairs: nothing to fit.", nameof(experimental));
    }

    private static double Residual(VariogramModel shape, Vector<double> p, Lag lag, FitWeighting weighting)
    {
        double gamma = p[0];
        for (int s = 0; s < shape.Structures.Count; s++)
        {
            int at = 1 + PerStructure * s;
            VariogramStructure structure = shape.Structures[s];
            // Normalised lag of h·u in the ellipsoid with ranges (a, a·anis1, a·anis2).
            Point3 c = structure.Anisotropy.Rotation.ToAxes(lag.Distance * lag.Direction);
            double a = p[at + 1];
            double r = Math.Sqrt(Square(c.X / a) + Square(c.Y / (a * p[at + 2])) + Square(c.Z / (a * p[at + 3])));
            gamma += structure.HasSill
                ? p[at] * (1 - VariogramStructure.Correlation(structure.Type, r))
                : p[at] * Math.Pow(r, structure.Exponent);
        }

        double w = weighting switch
        {
            FitWeighting.Equal => 1,
            FitWeighting.Pairs => lag.Pairs,
            FitWeighting.PairsOverDistanceSquared => lag.Pairs / Square(lag.Distance),
            FitWeighting.PairsOverModelSquared => lag.Pairs / Math.Max(Square(gamma), 1e-300),
            _ => throw new ArgumentOutOfRangeException(nameof(weighting), weighting, null),
        };
        return Math.Sqrt(w) * (gamma - lag.Gamma);
    }

    private static Vector<double> Parameters(VariogramModel model)
    {
        var p = Vector<double>.Build.Dense(1 + PerStructure * model.Structures.Count);
        p[0] = model.Nugget;
        for (int s = 0; s < model.Structures.Count; s++)
        {
            Ellipsoid e = model.Structures[s].Anisotropy;
            int at = 1 + PerStructure * s;
            (p[at], p[at + 1], p[at + 2], p[at + 3]) = (model.Structures[s].Sill, e.Major, e.Anis1, e.Anis2);
        }

        return p;
    }

    private static VariogramModel Build(VariogramModel shape, Vector<double> p) =>
        new(Math.Max(0, p[0]), shape.Structures.Select((s, i) =>
        {
            int at = 1 + PerStructure * i;
            double a = p[at + 1];
            return s.With(p[at], a, a * p[at + 2], a * p[at + 3]);
        }));

    private static IEnumerable<Vector<double>> Starts(VariogramModel initial, bool multiple, List<bool> isFixed, Vector<double> lower, Vector<double> upper)
    {
        Vector<double> p = Parameters(initial);

        // Fixed parameters keep their initial value in every start; free ones are kept inside their bounds.
        Vector<double> Clamp(Vector<double> v) =>
            Vector<double>.Build.Dense(v.Count, i => isFixed[i] ? p[i] : Math.Clamp(v[i], lower[i], upper[i]));
        yield return Clamp(p);
        if (!multiple)
        {
            yield break;
        }

        // A small design of starts: ranges halved or doubled, no or half nugget, and (for joint fits,
        // where the ratios are free) flatter ellipsoids. Local minima are common with nested structures.
        double total = p[0] + Enumerable.Range(0, initial.Structures.Count).Sum(s => p[1 + PerStructure * s]);
        foreach (double rangeFactor in new[] { 0.5, 2.0 })
        {
            foreach (double nuggetShare in new[] { 0.0, 0.5 })
            {
                foreach ((double anis1, double anis2) in new[] { (double.NaN, double.NaN), (0.5, 0.5), (0.5, 0.2), (1.0, 0.2) })
                {
                    Vector<double> q = p.Clone();
                    q[0] = total * nuggetShare;
                    for (int s = 0; s < initial.Structures.Count; s++)
                    {
                        int at = 1 + PerStructure * s;
                        q[at] = total * (1 - nuggetShare) / initial.Structures.Count;
                        q[at + 1] *= rangeFactor;
                        if (!double.IsNaN(anis1))
                        {
                            (q[at + 2], q[at + 3]) = (anis1, anis2);
                        }
                    }

                    yield return Clamp(q);
                }
            }
        }
    }
}
