using DepositTwin.Geometry;
using DepositTwin.Variography;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// A variogram model flattened for the hot loop: per structure the GSLIB transform already divided by the
/// major range (so r = |M·d|), the sill and the shape. The plain scalar reference of the covariance.
/// </summary>
internal sealed class CovarianceFunction
{
    private readonly Matrix3[] _transforms;
    private readonly double[] _sills;
    private readonly StructureType[] _types;
    private readonly double[] _exponents;

    public CovarianceFunction(VariogramModel model)
    {
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

    public double Nugget { get; }

    /// <summary>C(0) with the nugget.</summary>
    public double TotalSill { get; }

    /// <summary>C between two points, the nugget included at zero lag.</summary>
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
}
