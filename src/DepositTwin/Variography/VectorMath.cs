using System.Runtime.Intrinsics;

namespace DepositTwin.Variography;

/// <summary>
/// exp(x) in vectors. The runtime's Vector*.Exp for doubles falls back to one scalar call per element, so
/// the exponential and gaussian shapes use this instead: Cody–Waite reduction x = k·ln2 + r with
/// |r| ≤ ln2/2, a degree-12 Taylor polynomial for e^r (truncation below 1e−17), and 2^k built in the
/// exponent bits. Accurate to a few ulp for x ≥ −708; below that the result is 0 (covariances there are
/// far under any tolerance).
/// </summary>
internal static class VectorMath
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Lowest = -708.0;

    // 1/12!, 1/11!, …, 1/2!, 1, 1 (Horner order).
    private static readonly double[] Coefficients =
    [
        1.0 / 479001600, 1.0 / 39916800, 1.0 / 3628800, 1.0 / 362880, 1.0 / 40320, 1.0 / 5040,
        1.0 / 720, 1.0 / 120, 1.0 / 24, 1.0 / 6, 0.5, 1.0, 1.0,
    ];

    public static Vector128<double> Exp(Vector128<double> x)
    {
        Vector128<double> clamped = Vector128.Max(x, Vector128.Create(Lowest));
        Vector128<double> k = Vector128.Round(clamped * Vector128.Create(Log2E));
        Vector128<double> r = clamped - k * Vector128.Create(Ln2High) - k * Vector128.Create(Ln2Low);
        Vector128<double> p = Vector128.Create(Coefficients[0]);
        for (int i = 1; i < Coefficients.Length; i++)
        {
            p = p * r + Vector128.Create(Coefficients[i]);
        }

        Vector128<long> bits = (Vector128.ConvertToInt64(k) + Vector128.Create(1023L)) << 52;
        Vector128<double> result = p * bits.AsDouble();
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(Lowest)), Vector128<double>.Zero, result);
    }

    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.Max(x, Vector256.Create(Lowest));
        Vector256<double> k = Vector256.Round(clamped * Vector256.Create(Log2E));
        Vector256<double> r = clamped - k * Vector256.Create(Ln2High) - k * Vector256.Create(Ln2Low);
        Vector256<double> p = Vector256.Create(Coefficients[0]);
        for (int i = 1; i < Coefficients.Length; i++)
        {
            p = p * r + Vector256.Create(Coefficients[i]);
        }

        Vector256<long> bits = (Vector256.ConvertToInt64(k) + Vector256.Create(1023L)) << 52;
        Vector256<double> result = p * bits.AsDouble();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(Lowest)), Vector256<double>.Zero, result);
    }

    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.Max(x, Vector512.Create(Lowest));
        Vector512<double> k = Vector512.Round(clamped * Vector512.Create(Log2E));
        Vector512<double> r = clamped - k * Vector512.Create(Ln2High) - k * Vector512.Create(Ln2Low);
        Vector512<double> p = Vector512.Create(Coefficients[0]);
        for (int i = 1; i < Coefficients.Length; i++)
        {
            p = p * r + Vector512.Create(Coefficients[i]);
        }

        Vector512<long> bits = (Vector512.ConvertToInt64(k) + Vector512.Create(1023L)) << 52;
        Vector512<double> result = p * bits.AsDouble();
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Lowest)), Vector512<double>.Zero, result);
    }
}
