using DepositTwin.Geometry;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// One thread's kriging workspace: builds and solves the system for a neighbourhood, allocating nothing
/// once its buffers have grown to the largest neighbourhood. The plain scalar reference implementation.
/// </summary>
/// <remarks>
/// The covariance matrix C is factored once by a left-looking Cholesky (C = LLᵀ). A pivot below
/// 1e−9·Cₖₖ means sample k coincides (numerically) with samples already in the system: it is dropped and
/// counted, and the next sample takes its place, so the nearer of coincident samples is kept.
/// Simple kriging solves Cλ = c̄. Ordinary kriging solves C a = c̄ and C b = 1, then
/// μ = (1ᵀa − 1)/(1ᵀb) and λ = a − μb, so that Cλ + μ1 = c̄ and Σλ = 1 (DESIGN.md).
/// </remarks>
internal sealed class KrigingSystem(CovarianceFunction covariance)
{
    private const double PivotTolerance = 1e-9;

    private double[] _l = [];
    private double[] _rhs = [];
    private double[] _a = [];
    private double[] _b = [];
    private Point3[] _points = [];
    private int[] _kept = [];
    private int _stride; // row length of L: the number of candidate samples of the current system

    /// <summary>Positions (in the input order) of the samples kept in the last solve.</summary>
    public ReadOnlySpan<int> Kept => _kept.AsSpan(0, Count);

    /// <summary>Weights of the kept samples, in the order of <see cref="Kept"/>.</summary>
    public ReadOnlySpan<double> Weights => _a.AsSpan(0, Count);

    /// <summary>Number of samples in the last system.</summary>
    public int Count { get; private set; }

    /// <summary>μ of the last ordinary kriging solve (0 for simple kriging).</summary>
    public double Lagrange { get; private set; }

    /// <summary>λᵀc̄ of the last solve.</summary>
    public double WeightedCovariance { get; private set; }

    /// <summary>C̄_vv: C(0) with the nugget for one point, else the block average without the nugget.</summary>
    public double BlockCovariance { get; private set; }

    /// <summary>The kriging variance of the last solve.</summary>
    public double Variance { get; private set; }

    private void Ensure(int n)
    {
        if (_rhs.Length < n)
        {
            _l = new double[n * n];
            _rhs = new double[n];
            _a = new double[n];
            _b = new double[n];
            _points = new Point3[n];
            _kept = new int[n];
        }
    }

    /// <summary>Solves the kriging system; returns false when fewer than <paramref name="minSamples"/> samples remain after dropping coincident ones.</summary>
    /// <param name="samples">Neighbour locations, nearest first.</param>
    /// <param name="target">The discretisation points of the block (one for point kriging), world coordinates.</param>
    /// <param name="blockCovariance">C̄_vv for this discretisation (precomputed: it is the same for every block).</param>
    /// <param name="ordinary">Ordinary (true) or simple (false) kriging.</param>
    /// <param name="minSamples">Fewest samples the system may keep.</param>
    public bool Solve(ReadOnlySpan<Point3> samples, ReadOnlySpan<Point3> target, double blockCovariance, bool ordinary, int minSamples)
    {
        Ensure(samples.Length);
        int n = Factor(samples);
        Count = n;
        BlockCovariance = blockCovariance;
        if (n < minSamples || n == 0)
        {
            return false;
        }

        // Right-hand side: point-to-block covariances.
        double inverseM = 1.0 / target.Length;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            foreach (Point3 t in target)
            {
                sum += covariance.Covariance(_points[i], t);
            }

            _rhs[i] = target.Length == 1 ? sum : sum * inverseM;
        }

        Span<double> a = _a.AsSpan(0, n);
        _rhs.AsSpan(0, n).CopyTo(a);
        SolveInPlace(a, n);
        double mu = 0;
        if (ordinary)
        {
            Span<double> b = _b.AsSpan(0, n);
            b.Fill(1.0);
            SolveInPlace(b, n);
            double sumA = 0, sumB = 0;
            for (int i = 0; i < n; i++)
            {
                sumA += a[i];
                sumB += b[i];
            }

            mu = (sumA - 1) / sumB;
            for (int i = 0; i < n; i++)
            {
                a[i] -= mu * b[i];
            }
        }

        double lambdaC = 0;
        for (int i = 0; i < n; i++)
        {
            lambdaC += a[i] * _rhs[i];
        }

        Lagrange = mu;
        WeightedCovariance = lambdaC;
        Variance = blockCovariance - lambdaC - mu;
        return true;
    }

    /// <summary>Left-looking Cholesky, building C row by row and dropping samples that make it singular.</summary>
    private int Factor(ReadOnlySpan<Point3> samples)
    {
        int n = 0;
        int size = _stride = samples.Length;
        for (int s = 0; s < samples.Length; s++)
        {
            Point3 p = samples[s];
            int row = n * size;
            for (int j = 0; j < n; j++)
            {
                double v = covariance.Covariance(p, _points[j]);
                int rowJ = j * size;
                for (int k = 0; k < j; k++)
                {
                    v -= _l[row + k] * _l[rowJ + k];
                }

                _l[row + j] = v / _l[rowJ + j];
            }

            double diagonal = covariance.Covariance(p, p);
            double d = diagonal;
            for (int k = 0; k < n; k++)
            {
                d -= _l[row + k] * _l[row + k];
            }

            if (!(d > PivotTolerance * diagonal))
            {
                continue; // coincides with samples already in the system: drop it
            }

            _l[row + n] = Math.Sqrt(d);
            _points[n] = p;
            _kept[n] = s;
            n++;
        }

        return n;
    }

    /// <summary>Solves LLᵀx = v in place.</summary>
    private void SolveInPlace(Span<double> v, int n)
    {
        int size = _stride;
        for (int i = 0; i < n; i++)
        {
            double x = v[i];
            int row = i * size;
            for (int k = 0; k < i; k++)
            {
                x -= _l[row + k] * v[k];
            }

            v[i] = x / _l[row + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double x = v[i];
            for (int k = i + 1; k < n; k++)
            {
                x -= _l[k * size + i] * v[k];
            }

            v[i] = x / _l[i * size + i];
        }
    }
}
