using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// A variogram model flattened for the hot loop: per structure the GSLIB transform already divided by the
/// major range (so r = |M·d|), the sill and the shape. <see cref="Covariance"/> is the plain scalar
/// reference; <see cref="Row(Point3, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> evaluates one point against many (structure-of-arrays coordinates) with
/// Vector512/256/128 and a scalar remainder, the nugget added where the lag is zero.
/// </summary>
internal sealed class CovarianceFunction
{
    private readonly Matrix3[] _transforms;
    private readonly double[] _sills;
    private readonly StructureType[] _types;
    private readonly double[] _exponents;

    public CovarianceFunction(VariogramModel model, KernelPath path = KernelPath.Auto)
    {
        Path = KernelPaths.Resolve(path);
        Nugget = model.Nugget;
        TotalSill = model.TotalSill;
        int n = model.Structures.Count;
        _transforms = new Matrix3[n];
        _sills = new double[n];
        _types = new StructureType[n];
        _exponents = new double[n];
        for (int s = 0; s < n; s++)
        {
            VariogramStructure structure = model.Structures[s];
            Matrix3 t = structure.Anisotropy.Transform;
            double f = 1 / structure.Anisotropy.Major;
            _transforms[s] = new Matrix3(f * t.M11, f * t.M12, f * t.M13, f * t.M21, f * t.M22, f * t.M23, f * t.M31, f * t.M32, f * t.M33);
            _sills[s] = structure.Sill;
            _types[s] = structure.Type;
            _exponents[s] = structure.Exponent;
        }
    }

    /// <summary>The resolved kernel path.</summary>
    public KernelPath Path { get; }

    public double Nugget { get; }

    /// <summary>C(0) with the nugget.</summary>
    public double TotalSill { get; }

    /// <summary>C between two points, the nugget included at zero lag (scalar reference).</summary>
    public double Covariance(Point3 a, Point3 b)
    {
        Point3 d = b - a;
        return Point3.Dot(d, d) < VariogramModel.ZeroDistanceSquared ? TotalSill : Structured(d);
    }

    /// <summary>C of the structures alone (no nugget at any lag).</summary>
    public double CovarianceWithoutNugget(Point3 a, Point3 b) => Structured(b - a);

    private double Structured(Point3 d)
    {
        double c = 0;
        for (int s = 0; s < _sills.Length; s++)
        {
            double r = _transforms[s].Transform(d).Length;
            c += _types[s] == StructureType.Power
                ? VariogramModel.PowerModelConstant - _sills[s] * Math.Pow(r, _exponents[s])
                : _sills[s] * VariogramStructure.Correlation(_types[s], r);
        }

        return c;
    }

    /// <summary>Number of nested structures.</summary>
    public int StructureCount => _sills.Length;

    /// <summary>
    /// Maps displacements into structure <paramref name="s"/>'s normalised space (u = M·d, so that the
    /// structure is evaluated at |u_j − u_i|). Done once per point per block, so that each pair costs only
    /// a difference, a norm and the shape.
    /// </summary>
    public void Transform(int s, ReadOnlySpan<double> dx, ReadOnlySpan<double> dy, ReadOnlySpan<double> dz,
        Span<double> ux, Span<double> uy, Span<double> uz)
    {
        Matrix3 m = _transforms[s];
        int n = ux.Length, j = 0;
        if (dx.Length < n || dy.Length < n || dz.Length < n || uy.Length < n || uz.Length < n)
        {
            throw new ArgumentException("The displacement and result spans must be as long as ux.", nameof(dx));
        }

        if (Path >= KernelPath.Vector256)
        {
            // Element-wise, the same multiplications and additions in the same order: the same bits as the loop below.
            ref double x = ref MemoryMarshal.GetReference(dx), y = ref MemoryMarshal.GetReference(dy), z = ref MemoryMarshal.GetReference(dz);
            ref double rx = ref MemoryMarshal.GetReference(ux), ry = ref MemoryMarshal.GetReference(uy), rz = ref MemoryMarshal.GetReference(uz);
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                WorldLag.Map(Vector256.LoadUnsafe(ref x, (nuint)j), Vector256.LoadUnsafe(ref y, (nuint)j), Vector256.LoadUnsafe(ref z, (nuint)j), m,
                    out Vector256<double> mx, out Vector256<double> my, out Vector256<double> mz);
                mx.StoreUnsafe(ref rx, (nuint)j);
                my.StoreUnsafe(ref ry, (nuint)j);
                mz.StoreUnsafe(ref rz, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            Point3 u = m.Transform(new Point3(dx[j], dy[j], dz[j]));
            (ux[j], uy[j], uz[j]) = (u.X, u.Y, u.Z);
        }
    }

    /// <summary>One displacement mapped into structure <paramref name="s"/>'s normalised space.</summary>
    public Point3 Transform(int s, Point3 d) => _transforms[s].Transform(d);

    /// <summary>
    /// Doubles per vector on this path (1 for scalar). A span whose length is a multiple of this runs wholly in
    /// the widest vectors, so each element's bits do not depend on its position (the vector and scalar
    /// exponentials may differ by an ulp).
    /// </summary>
    public int Lanes => Path switch
    {
        KernelPath.Vector512 => Vector512<double>.Count,
        KernelPath.Vector256 => Vector256<double>.Count,
        KernelPath.Vector128 => Vector128<double>.Count,
        _ => 1,
    };

    /// <summary>acc[j] += nugget where (xs[j], ys[j], zs[j]) is at zero lag from <paramref name="p"/>.</summary>
    public void AddNugget(Point3 p, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, Span<double> acc)
    {
        if (Nugget == 0)
        {
            return;
        }

        int n = acc.Length;
        if (xs.Length < n || ys.Length < n || zs.Length < n)
        {
            throw new ArgumentException("The coordinate spans are shorter than the accumulator.", nameof(xs));
        }

        // A comparison per pair: the vector and scalar loops give the same result element by element.
        int j = 0;
        ref double x = ref MemoryMarshal.GetReference(xs);
        ref double y = ref MemoryMarshal.GetReference(ys);
        ref double z = ref MemoryMarshal.GetReference(zs);
        ref double a = ref MemoryMarshal.GetReference(acc);
        if (Path >= KernelPath.Vector256)
        {
            Vector256<double> px = Vector256.Create(p.X), py = Vector256.Create(p.Y), pz = Vector256.Create(p.Z);
            Vector256<double> zero = Vector256.Create(VariogramModel.ZeroDistanceSquared), nugget = Vector256.Create(Nugget);
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref x, (nuint)j) - px, dy = Vector256.LoadUnsafe(ref y, (nuint)j) - py, dz = Vector256.LoadUnsafe(ref z, (nuint)j) - pz;
                Vector256<double> hit = Vector256.LessThan(dx * dx + dy * dy + dz * dz, zero);
                if (hit != Vector256<double>.Zero)
                {
                    (Vector256.LoadUnsafe(ref a, (nuint)j) + (hit & nugget)).StoreUnsafe(ref a, (nuint)j);
                }
            }
        }

        for (; j < n; j++)
        {
            double dx = Unsafe.Add(ref x, j) - p.X, dy = Unsafe.Add(ref y, j) - p.Y, dz = Unsafe.Add(ref z, j) - p.Z;
            if (dx * dx + dy * dy + dz * dz < VariogramModel.ZeroDistanceSquared)
            {
                Unsafe.Add(ref a, j) += Nugget;
            }
        }
    }

    /// <summary>
    /// result[j] = C(p, (xs[j], ys[j], zs[j])) for every j, on this function's kernel path: each structure at the
    /// world displacement mapped into its space (in the vector loop), then <see cref="AddNugget"/>. Equals
    /// <see cref="Covariance"/> to within an ulp of the exponential per element; symmetric bit for bit (a
    /// displacement and its negation map to opposite vectors of one length).
    /// </summary>
    public void Row(Point3 p, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, Span<double> result)
    {
        result.Clear();
        for (int s = 0; s < StructureCount; s++)
        {
            AddStructure<WorldLag>(s, new ReadOnlySpan<Point3>(in p), xs, ys, zs, result);
        }

        AddNugget(p, xs, ys, zs, result);
    }

    /// <summary>
    /// acc[j] += Σₖ C_s(|u_j − qₖ|) over one query or many (the discretisation points of a block): the one
    /// structure kernel. Each vector of points is loaded once and accumulated in registers across the queries;
    /// the widest vectors go first, then narrower ones, then a scalar remainder.
    /// </summary>
    public void AddStructureSum(int s, ReadOnlySpan<Point3> queries, ReadOnlySpan<double> ux, ReadOnlySpan<double> uy, ReadOnlySpan<double> uz, Span<double> acc) =>
        AddStructure<MappedLag>(s, queries, ux, uy, uz, acc);

    /// <summary>The shape is dispatched once per call, not once per point: small systems feel the difference.</summary>
    private void AddStructure<TLag>(int s, ReadOnlySpan<Point3> queries, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, Span<double> acc)
        where TLag : struct, ILag
    {
        Matrix3 m = _transforms[s];
        switch (_types[s])
        {
            case StructureType.Spherical:
                AddSum<SphericalShape, TLag>(Path, _sills[s], m, queries, xs, ys, zs, acc);
                break;
            case StructureType.Exponential:
                AddSum<ExponentialShape, TLag>(Path, _sills[s], m, queries, xs, ys, zs, acc);
                break;
            case StructureType.Gaussian:
                AddSum<GaussianShape, TLag>(Path, _sills[s], m, queries, xs, ys, zs, acc);
                break;
            case StructureType.Cubic:
                AddSum<CubicShape, TLag>(Path, _sills[s], m, queries, xs, ys, zs, acc);
                break;
            default:
                foreach (Point3 q in queries)
                {
                    for (int j = 0; j < acc.Length; j++)
                    {
                        double r = Math.Sqrt(TLag.Squared(xs[j] - q.X, ys[j] - q.Y, zs[j] - q.Z, m));
                        acc[j] += VariogramModel.PowerModelConstant - _sills[s] * Math.Pow(r, _exponents[s]);
                    }
                }

                break;
        }
    }

    private static void AddSum<TShape, TLag>(KernelPath path, double sill, in Matrix3 m, ReadOnlySpan<Point3> queries,
        ReadOnlySpan<double> ux, ReadOnlySpan<double> uy, ReadOnlySpan<double> uz, Span<double> acc)
        where TShape : struct, IShape
        where TLag : struct, ILag
    {
        int n = acc.Length;
        if (ux.Length < n || uy.Length < n || uz.Length < n)
        {
            throw new ArgumentException("The coordinate spans are shorter than the accumulator.", nameof(ux));
        }

        int j = 0;
        ref double x = ref MemoryMarshal.GetReference(ux);
        ref double y = ref MemoryMarshal.GetReference(uy);
        ref double z = ref MemoryMarshal.GetReference(uz);
        ref double a = ref MemoryMarshal.GetReference(acc);
        if (path >= KernelPath.Vector512)
        {
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                Vector512<double> px = Vector512.LoadUnsafe(ref x, (nuint)j), py = Vector512.LoadUnsafe(ref y, (nuint)j), pz = Vector512.LoadUnsafe(ref z, (nuint)j);
                Vector512<double> sum = Vector512<double>.Zero;
                foreach (Point3 q in queries)
                {
                    Vector512<double> dx = px - Vector512.Create(q.X), dy = py - Vector512.Create(q.Y), dz = pz - Vector512.Create(q.Z);
                    sum += TShape.Apply(Vector512.Sqrt(TLag.Squared(dx, dy, dz, m)));
                }

                (Vector512.LoadUnsafe(ref a, (nuint)j) + Vector512.Create(sill) * sum).StoreUnsafe(ref a, (nuint)j);
            }
        }

        if (path >= KernelPath.Vector256)
        {
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                Vector256<double> px = Vector256.LoadUnsafe(ref x, (nuint)j), py = Vector256.LoadUnsafe(ref y, (nuint)j), pz = Vector256.LoadUnsafe(ref z, (nuint)j);
                Vector256<double> sum = Vector256<double>.Zero;
                foreach (Point3 q in queries)
                {
                    Vector256<double> dx = px - Vector256.Create(q.X), dy = py - Vector256.Create(q.Y), dz = pz - Vector256.Create(q.Z);
                    sum += TShape.Apply(Vector256.Sqrt(TLag.Squared(dx, dy, dz, m)));
                }

                (Vector256.LoadUnsafe(ref a, (nuint)j) + Vector256.Create(sill) * sum).StoreUnsafe(ref a, (nuint)j);
            }
        }

        if (path >= KernelPath.Vector128)
        {
            for (; j <= n - Vector128<double>.Count; j += Vector128<double>.Count)
            {
                Vector128<double> px = Vector128.LoadUnsafe(ref x, (nuint)j), py = Vector128.LoadUnsafe(ref y, (nuint)j), pz = Vector128.LoadUnsafe(ref z, (nuint)j);
                Vector128<double> sum = Vector128<double>.Zero;
                foreach (Point3 q in queries)
                {
                    Vector128<double> dx = px - Vector128.Create(q.X), dy = py - Vector128.Create(q.Y), dz = pz - Vector128.Create(q.Z);
                    sum += TShape.Apply(Vector128.Sqrt(TLag.Squared(dx, dy, dz, m)));
                }

                (Vector128.LoadUnsafe(ref a, (nuint)j) + Vector128.Create(sill) * sum).StoreUnsafe(ref a, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            double px = Unsafe.Add(ref x, j), py = Unsafe.Add(ref y, j), pz = Unsafe.Add(ref z, j);
            double sum = 0;
            foreach (Point3 q in queries)
            {
                double dx = px - q.X, dy = py - q.Y, dz = pz - q.Z;
                sum += TShape.Scalar(Math.Sqrt(TLag.Squared(dx, dy, dz, m)));
            }

            Unsafe.Add(ref a, j) += sill * sum;
        }
    }

    /// <summary>
    /// How a structure sees the displacement d from a query to a point: the same operations in the same order in
    /// every form, so the vector lanes and the scalar remainder agree bit for bit.
    /// </summary>
    private interface ILag
    {
        static abstract double Squared(double dx, double dy, double dz, in Matrix3 m);

        static abstract Vector128<double> Squared(Vector128<double> dx, Vector128<double> dy, Vector128<double> dz, in Matrix3 m);

        static abstract Vector256<double> Squared(Vector256<double> dx, Vector256<double> dy, Vector256<double> dz, in Matrix3 m);

        static abstract Vector512<double> Squared(Vector512<double> dx, Vector512<double> dy, Vector512<double> dz, in Matrix3 m);
    }

    /// <summary>Points and queries already mapped into the structure's space: |d|².</summary>
    private readonly struct MappedLag : ILag
    {
        public static double Squared(double dx, double dy, double dz, in Matrix3 m) => dx * dx + dy * dy + dz * dz;

        public static Vector128<double> Squared(Vector128<double> dx, Vector128<double> dy, Vector128<double> dz, in Matrix3 m) => dx * dx + dy * dy + dz * dz;

        public static Vector256<double> Squared(Vector256<double> dx, Vector256<double> dy, Vector256<double> dz, in Matrix3 m) => dx * dx + dy * dy + dz * dz;

        public static Vector512<double> Squared(Vector512<double> dx, Vector512<double> dy, Vector512<double> dz, in Matrix3 m) => dx * dx + dy * dy + dz * dz;
    }

    /// <summary>World displacements, mapped here: |M·d|², as <see cref="Matrix3.Transform"/> then the squared length.</summary>
    private readonly struct WorldLag : ILag
    {
        public static double Squared(double dx, double dy, double dz, in Matrix3 m)
        {
            Point3 u = m.Transform(new Point3(dx, dy, dz));
            return Point3.Dot(u, u);
        }

        public static Vector128<double> Squared(Vector128<double> dx, Vector128<double> dy, Vector128<double> dz, in Matrix3 m)
        {
            Vector128<double> x = Vector128.Create(m.M11) * dx + Vector128.Create(m.M12) * dy + Vector128.Create(m.M13) * dz;
            Vector128<double> y = Vector128.Create(m.M21) * dx + Vector128.Create(m.M22) * dy + Vector128.Create(m.M23) * dz;
            Vector128<double> z = Vector128.Create(m.M31) * dx + Vector128.Create(m.M32) * dy + Vector128.Create(m.M33) * dz;
            return x * x + y * y + z * z;
        }

        public static Vector256<double> Squared(Vector256<double> dx, Vector256<double> dy, Vector256<double> dz, in Matrix3 m)
        {
            Map(dx, dy, dz, m, out Vector256<double> x, out Vector256<double> y, out Vector256<double> z);
            return x * x + y * y + z * z;
        }

        /// <summary>M·d in four lanes, as <see cref="Matrix3.Transform"/> does it (also the per-block mapping's loop).</summary>
        public static void Map(Vector256<double> dx, Vector256<double> dy, Vector256<double> dz, in Matrix3 m,
            out Vector256<double> x, out Vector256<double> y, out Vector256<double> z)
        {
            x = Vector256.Create(m.M11) * dx + Vector256.Create(m.M12) * dy + Vector256.Create(m.M13) * dz;
            y = Vector256.Create(m.M21) * dx + Vector256.Create(m.M22) * dy + Vector256.Create(m.M23) * dz;
            z = Vector256.Create(m.M31) * dx + Vector256.Create(m.M32) * dy + Vector256.Create(m.M33) * dz;
        }

        public static Vector512<double> Squared(Vector512<double> dx, Vector512<double> dy, Vector512<double> dz, in Matrix3 m)
        {
            Vector512<double> x = Vector512.Create(m.M11) * dx + Vector512.Create(m.M12) * dy + Vector512.Create(m.M13) * dz;
            Vector512<double> y = Vector512.Create(m.M21) * dx + Vector512.Create(m.M22) * dy + Vector512.Create(m.M23) * dz;
            Vector512<double> z = Vector512.Create(m.M31) * dx + Vector512.Create(m.M32) * dy + Vector512.Create(m.M33) * dz;
            return x * x + y * y + z * z;
        }
    }
}
