using DepositTwin.Geometry;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// One thread's kriging workspace: builds and solves the system for a neighbourhood, allocating nothing
/// once its buffers have grown to the largest neighbourhood.
/// </summary>
/// <remarks>
/// The covariance matrix C is factored once by a left-looking Cholesky (C = LLᵀ), row by row: the
/// covariances of a new sample to those already in the system come from the vectorised
/// <see cref="CovarianceFunction.Row"/>, and each entry of L is one dot product. A pivot below
/// 1e−9·C(0) means the sample coincides (numerically) with samples already in the system: it is dropped
/// and counted, and the next sample takes its place, so the nearer of coincident samples is kept.
/// Simple kriging solves Cλ = c̄. Ordinary kriging solves C a = c̄ and C b = 1, then
/// μ = (1ᵀa − 1)/(1ᵀb) and λ = a − μb, so that Cλ + μ1 = c̄ and Σλ = 1 (DESIGN.md).
/// </remarks>
internal sealed class KrigingSystem(CovarianceFunction covariance)
{
    private const double PivotTolerance = 1e-9;
    private readonly KernelPath _path = covariance.Path;

    private double[] _l = [];
    private double[] _rhs = [];
    private double[] _row = [];
    private double[] _a = [];
    private double[] _b = [];
    private double[] _xs = [];
    private double[] _ys = [];
    private double[] _zs = [];
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
            _row = new double[n];
            _a = new double[n];
            _b = new double[n];
            _xs = new double[n];
            _ys = new double[n];
            _zs = new double[n];
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

        // Right-hand side: point-to-block covariances, one vectorised row per discretisation point.
        Span<double> rhs = _rhs.AsSpan(0, n);
        Span<double> row = _row.AsSpan(0, n);
        ReadOnlySpan<double> xs = _xs.AsSpan(0, n), ys = _ys.AsSpan(0, n), zs = _zs.AsSpan(0, n);
        covariance.Row(target[0], xs, ys, zs, rhs);
        for (int k = 1; k < target.Length; k++)
        {
            covariance.Row(target[k], xs, ys, zs, row);
            DenseKernels.SubtractScaled(_path, -1.0, row, rhs); // rhs += row
        }

        if (target.Length > 1)
        {
            double inverseM = 1.0 / target.Length;
            for (int i = 0; i < n; i++)
            {
                rhs[i] *= inverseM;
            }
        }

        Span<double> a = _a.AsSpan(0, n);
        rhs.CopyTo(a);
        SolveInPlace(a);
        double mu = 0;
        if (ordinary)
        {
            Span<double> b = _b.AsSpan(0, n);
            b.Fill(1.0);
            SolveInPlace(b);
            double sumA = 0, sumB = 0;
            for (int i = 0; i < n; i++)
            {
                sumA += a[i];
                sumB += b[i];
            }

            mu = (sumA - 1) / sumB;
            DenseKernels.SubtractScaled(_path, mu, b, a);
        }

        double lambdaC = DenseKernels.Dot(_path, a, rhs);
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
        double diagonal = covariance.TotalSill; // C(p, p) for every sample
        for (int s = 0; s < samples.Length; s++)
        {
            Point3 p = samples[s];
            int row = n * size;
            Span<double> l = _l.AsSpan(row, n + 1);
            covariance.Row(p, _xs.AsSpan(0, n), _ys.AsSpan(0, n), _zs.AsSpan(0, n), l[..n]);
            for (int j = 0; j < n; j++)
            {
                int rowJ = j * size;
                l[j] = (l[j] - DenseKernels.Dot(_path, l[..j], _l.AsSpan(rowJ, j))) / _l[rowJ + j];
            }

            double d = diagonal - DenseKernels.Dot(_path, l[..n], l[..n]);
            if (!(d > PivotTolerance * diagonal))
            {
                continue; // coincides with samples already in the system: drop it
            }

            l[n] = Math.Sqrt(d);
            _xs[n] = p.X;
            _ys[n] = p.Y;
            _zs[n] = p.Z;
            _kept[n] = s;
            n++;
        }

        return n;
    }

    /// <summary>Solves LLᵀx = v in place: forward by dot products, backward by column updates (both contiguous rows of L).</summary>
    private void SolveInPlace(Span<double> v)
    {
        int n = v.Length;
        int size = _stride;
        for (int i = 0; i < n; i++)
        {
            int row = i * size;
            v[i] = (v[i] - DenseKernels.Dot(_path, _l.AsSpan(row, i), v[..i])) / _l[row + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            int row = i * size;
            v[i] /= _l[row + i];
            DenseKernels.SubtractScaled(_path, v[i], _l.AsSpan(row, i), v[..i]);
        }
    }
}
