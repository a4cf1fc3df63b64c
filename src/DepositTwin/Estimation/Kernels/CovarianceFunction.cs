using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// A variogram model flattened for the hot loop: per structure the GSLIB transform already divided by the
/// major range (so r = |M·d|), the sill and the shape. <see cref="Covariance"/> is the plain scalar
/// reference; <see cref="Row"/> evaluates one point against many (structure-of-arrays coordinates) with
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

    /// <summary>
    /// result[j] = C(p, (xs[j], ys[j], zs[j])) for every j, on this function's kernel path. Equals
    /// <see cref="Covariance"/> to within an ulp of the exponential per element.
    /// </summary>
    public void Row(Point3 p, ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, Span<double> result)
    {
        int n = result.Length;
        if (xs.Length < n || ys.Length < n || zs.Length < n)
        {
            throw new ArgumentException("The coordinate spans are shorter than the result.", nameof(xs));
        }

        result.Clear();
        for (int s = 0; s < _sills.Length; s++)
        {
            switch (_types[s])
            {
                case StructureType.Spherical:
                    AddStructure<SphericalShape>(Path, _transforms[s], _sills[s], p, xs, ys, zs, result);
                    break;
                case StructureType.Exponential:
                    AddStructure<ExponentialShape>(Path, _transforms[s], _sills[s], p, xs, ys, zs, result);
                    break;
                case StructureType.Gaussian:
                    AddStructure<GaussianShape>(Path, _transforms[s], _sills[s], p, xs, ys, zs, result);
                    break;
                case StructureType.Cubic:
                    AddStructure<CubicShape>(Path, _transforms[s], _sills[s], p, xs, ys, zs, result);
                    break;
                default:
                    for (int j = 0; j < n; j++)
                    {
                        double r = _transforms[s].Transform(new Point3(xs[j] - p.X, ys[j] - p.Y, zs[j] - p.Z)).Length;
                        result[j] += VariogramModel.PowerModelConstant - _sills[s] * Math.Pow(r, _exponents[s]);
                    }

                    break;
            }
        }

        if (Nugget > 0)
        {
            for (int j = 0; j < n; j++)
            {
                double dx = xs[j] - p.X, dy = ys[j] - p.Y, dz = zs[j] - p.Z;
                if (dx * dx + dy * dy + dz * dz < VariogramModel.ZeroDistanceSquared)
                {
                    result[j] += Nugget;
                }
            }
        }
    }

    /// <summary>acc[j] += sill·ρ(|M·(x_j − p)|): the widest vectors first, then narrower, then scalar.</summary>
    private static void AddStructure<TShape>(KernelPath path, in Matrix3 m, double sill, Point3 p,
        ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, ReadOnlySpan<double> zs, Span<double> acc)
        where TShape : struct, IShape
    {
        int n = acc.Length;
        int j = 0;
        ref double x = ref MemoryMarshal.GetReference(xs);
        ref double y = ref MemoryMarshal.GetReference(ys);
        ref double z = ref MemoryMarshal.GetReference(zs);
        ref double a = ref MemoryMarshal.GetReference(acc);
        if (path >= KernelPath.Vector512)
        {
            Vector512<double> px = Vector512.Create(p.X), py = Vector512.Create(p.Y), pz = Vector512.Create(p.Z), c = Vector512.Create(sill);
            for (; j <= n - Vector512<double>.Count; j += Vector512<double>.Count)
            {
                Vector512<double> dx = Vector512.LoadUnsafe(ref x, (nuint)j) - px;
                Vector512<double> dy = Vector512.LoadUnsafe(ref y, (nuint)j) - py;
                Vector512<double> dz = Vector512.LoadUnsafe(ref z, (nuint)j) - pz;
                Vector512<double> u = Vector512.Create(m.M11) * dx + Vector512.Create(m.M12) * dy + Vector512.Create(m.M13) * dz;
                Vector512<double> v = Vector512.Create(m.M21) * dx + Vector512.Create(m.M22) * dy + Vector512.Create(m.M23) * dz;
                Vector512<double> w = Vector512.Create(m.M31) * dx + Vector512.Create(m.M32) * dy + Vector512.Create(m.M33) * dz;
                Vector512<double> r = Vector512.Sqrt(u * u + v * v + w * w);
                (Vector512.LoadUnsafe(ref a, (nuint)j) + c * TShape.Apply(r)).StoreUnsafe(ref a, (nuint)j);
            }
        }

        if (path >= KernelPath.Vector256)
        {
            Vector256<double> px = Vector256.Create(p.X), py = Vector256.Create(p.Y), pz = Vector256.Create(p.Z), c = Vector256.Create(sill);
            for (; j <= n - Vector256<double>.Count; j += Vector256<double>.Count)
            {
                Vector256<double> dx = Vector256.LoadUnsafe(ref x, (nuint)j) - px;
                Vector256<double> dy = Vector256.LoadUnsafe(ref y, (nuint)j) - py;
                Vector256<double> dz = Vector256.LoadUnsafe(ref z, (nuint)j) - pz;
                Vector256<double> u = Vector256.Create(m.M11) * dx + Vector256.Create(m.M12) * dy + Vector256.Create(m.M13) * dz;
                Vector256<double> v = Vector256.Create(m.M21) * dx + Vector256.Create(m.M22) * dy + Vector256.Create(m.M23) * dz;
                Vector256<double> w = Vector256.Create(m.M31) * dx + Vector256.Create(m.M32) * dy + Vector256.Create(m.M33) * dz;
                Vector256<double> r = Vector256.Sqrt(u * u + v * v + w * w);
                (Vector256.LoadUnsafe(ref a, (nuint)j) + c * TShape.Apply(r)).StoreUnsafe(ref a, (nuint)j);
            }
        }

        if (path >= KernelPath.Vector128)
        {
            Vector128<double> px = Vector128.Create(p.X), py = Vector128.Create(p.Y), pz = Vector128.Create(p.Z), c = Vector128.Create(sill);
            for (; j <= n - Vector128<double>.Count; j += Vector128<double>.Count)
            {
                Vector128<double> dx = Vector128.LoadUnsafe(ref x, (nuint)j) - px;
                Vector128<double> dy = Vector128.LoadUnsafe(ref y, (nuint)j) - py;
                Vector128<double> dz = Vector128.LoadUnsafe(ref z, (nuint)j) - pz;
                Vector128<double> u = Vector128.Create(m.M11) * dx + Vector128.Create(m.M12) * dy + Vector128.Create(m.M13) * dz;
                Vector128<double> v = Vector128.Create(m.M21) * dx + Vector128.Create(m.M22) * dy + Vector128.Create(m.M23) * dz;
                Vector128<double> w = Vector128.Create(m.M31) * dx + Vector128.Create(m.M32) * dy + Vector128.Create(m.M33) * dz;
                Vector128<double> r = Vector128.Sqrt(u * u + v * v + w * w);
                (Vector128.LoadUnsafe(ref a, (nuint)j) + c * TShape.Apply(r)).StoreUnsafe(ref a, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            double dx = Unsafe.Add(ref x, j) - p.X, dy = Unsafe.Add(ref y, j) - p.Y, dz = Unsafe.Add(ref z, j) - p.Z;
            double u = m.M11 * dx + m.M12 * dy + m.M13 * dz;
            double v = m.M21 * dx + m.M22 * dy + m.M23 * dz;
            double w = m.M31 * dx + m.M32 * dy + m.M33 * dz;
            Unsafe.Add(ref a, j) += sill * TShape.Scalar(Math.Sqrt(u * u + v * v + w * w));
        }
    }
}
