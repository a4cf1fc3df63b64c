using System.Runtime.Intrinsics;

namespace DepositTwin.Variography;

/// <summary>
/// A correlation function ρ(r) in scalar and vector forms side by side. The forms use the same operations
/// in the same order (no fused multiply-add), so they agree to the last bit except where the vector
/// exponential differs from <see cref="Math.Exp"/> by an ulp.
/// </summary>
internal interface IShape
{
    static abstract double Scalar(double r);

    static abstract Vector128<double> Apply(Vector128<double> r);

    static abstract Vector256<double> Apply(Vector256<double> r);

    static abstract Vector512<double> Apply(Vector512<double> r);
}

/// <summary>Spherical: 1 − r(1.5 − 0.5r²) below 1, 0 beyond.</summary>
internal readonly struct SphericalShape : IShape
{
    public static double Scalar(double r) => r >= 1 ? 0 : 1 - r * (1.5 - 0.5 * (r * r));

    public static Vector128<double> Apply(Vector128<double> r) =>
        Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(r, Vector128<double>.One), Vector128<double>.Zero,
            Vector128<double>.One - r * (Vector128.Create(1.5) - Vector128.Create(0.5) * (r * r)));

    public static Vector256<double> Apply(Vector256<double> r) =>
        Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(r, Vector256<double>.One), Vector256<double>.Zero,
            Vector256<double>.One - r * (Vector256.Create(1.5) - Vector256.Create(0.5) * (r * r)));

    public static Vector512<double> Apply(Vector512<double> r) =>
        Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(r, Vector512<double>.One), Vector512<double>.Zero,
            Vector512<double>.One - r * (Vector512.Create(1.5) - Vector512.Create(0.5) * (r * r)));
}

/// <summary>Exponential: exp(−3r).</summary>
internal readonly struct ExponentialShape : IShape
{
    public static double Scalar(double r) => Math.Exp(-3 * r);

    public static Vector128<double> Apply(Vector128<double> r) => VectorMath.Exp(Vector128.Create(-3.0) * r);

    public static Vector256<double> Apply(Vector256<double> r) => VectorMath.Exp(Vector256.Create(-3.0) * r);

    public static Vector512<double> Apply(Vector512<double> r) => VectorMath.Exp(Vector512.Create(-3.0) * r);
}

/// <summary>Gaussian: exp(−3r²).</summary>
internal readonly struct GaussianShape : IShape
{
    public static double Scalar(double r) => Math.Exp(-3 * (r * r));

    public static Vector128<double> Apply(Vector128<double> r) => VectorMath.Exp(Vector128.Create(-3.0) * (r * r));

    public static Vector256<double> Apply(Vector256<double> r) => VectorMath.Exp(Vector256.Create(-3.0) * (r * r));

    public static Vector512<double> Apply(Vector512<double> r) => VectorMath.Exp(Vector512.Create(-3.0) * (r * r));
}

/// <summary>Cubic: 1 − r²(7 − r(8.75 − r²(3.5 − 0.75r²))) below 1, 0 beyond.</summary>
internal readonly struct CubicShape : IShape
{
    public static double Scalar(double r)
    {
        double r2 = r * r;
        return r >= 1 ? 0 : 1 - r2 * (7 - r * (8.75 - r2 * (3.5 - 0.75 * r2)));
    }

    public static Vector128<double> Apply(Vector128<double> r)
    {
        Vector128<double> r2 = r * r;
        Vector128<double> c = Vector128<double>.One - r2 * (Vector128.Create(7.0) - r * (Vector128.Create(8.75) - r2 * (Vector128.Create(3.5) - Vector128.Create(0.75) * r2)));
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(r, Vector128<double>.One), Vector128<double>.Zero, c);
    }

    public static Vector256<double> Apply(Vector256<double> r)
    {
        Vector256<double> r2 = r * r;
        Vector256<double> c = Vector256<double>.One - r2 * (Vector256.Create(7.0) - r * (Vector256.Create(8.75) - r2 * (Vector256.Create(3.5) - Vector256.Create(0.75) * r2)));
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(r, Vector256<double>.One), Vector256<double>.Zero, c);
    }

    public static Vector512<double> Apply(Vector512<double> r)
    {
        Vector512<double> r2 = r * r;
        Vector512<double> c = Vector512<double>.One - r2 * (Vector512.Create(7.0) - r * (Vector512.Create(8.75) - r2 * (Vector512.Create(3.5) - Vector512.Create(0.75) * r2)));
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(r, Vector512<double>.One), Vector512<double>.Zero, c);
    }
}
