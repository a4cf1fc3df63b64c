using System.Runtime.Intrinsics;

namespace DepositTwin.Variography;

/// <summary>
/// exp(x) in vectors. The runtime's Vector*.Exp for doubles falls back to one scalar call per element, so
/// the exponential and gaussian shapes use this instead: Cody–Waite reduction x = k·ln2 + r with
/// |r| ≤ ln2/2, a degree-12 Taylor polynomial for e^r (truncation below 1e−17), and 2^k built in the
/// exponent bits (k comes from the 1.5·2⁵² rounding trick, so no float-to-integer conversion is needed). Accurate to a few ulp for x ≥ −708; below that the result is 0 (covariances there are
/// far under any tolerance).
/// </summary>
internal static class VectorMath
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 0.693147180369123816490;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double Lowest = -708.0;

    // Adding 1.5·2⁵² rounds to the nearest integer k and leaves k in the low mantissa bits: no conversion instructions.
    private const double Shifter = 6755399441055744.0;
    private const long ShifterBits = 0x4338000000000000;

    // Taylor coefficients 1/k! of e^r, highest first (Horner), as constants so the JIT keeps them in registers.
    private const double C12 = 1.0 / 479001600, C11 = 1.0 / 39916800, C10 = 1.0 / 3628800, C9 = 1.0 / 362880;
    private const double C8 = 1.0 / 40320, C7 = 1.0 / 5040, C6 = 1.0 / 720, C5 = 1.0 / 120, C4 = 1.0 / 24, C3 = 1.0 / 6, C2 = 0.5;

    public static Vector128<double> Exp(Vector128<double> x)
    {
        Vector128<double> clamped = Vector128.Max(x, Vector128.Create(Lowest));
        Vector128<double> shifted = clamped * Vector128.Create(Log2E) + Vector128.Create(Shifter);
        Vector128<double> k = shifted - Vector128.Create(Shifter);
        Vector128<double> r = clamped - k * Vector128.Create(Ln2High) - k * Vector128.Create(Ln2Low);
        Vector128<double> p = Vector128.Create(C12) * r + Vector128.Create(C11);
        p = p * r + Vector128.Create(C10);
        p = p * r + Vector128.Create(C9);
        p = p * r + Vector128.Create(C8);
        p = p * r + Vector128.Create(C7);
        p = p * r + Vector128.Create(C6);
        p = p * r + Vector128.Create(C5);
        p = p * r + Vector128.Create(C4);
        p = p * r + Vector128.Create(C3);
        p = p * r + Vector128.Create(C2);
        p = p * r + Vector128<double>.One;
        p = p * r + Vector128<double>.One;
        Vector128<long> bits = (shifted.AsInt64() - Vector128.Create(ShifterBits - 1023L)) << 52;
        Vector128<double> result = p * bits.AsDouble();
        return Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(Lowest)), Vector128<double>.Zero, result);
    }

    public static Vector256<double> Exp(Vector256<double> x)
    {
        Vector256<double> clamped = Vector256.Max(x, Vector256.Create(Lowest));
        Vector256<double> shifted = clamped * Vector256.Create(Log2E) + Vector256.Create(Shifter);
        Vector256<double> k = shifted - Vector256.Create(Shifter);
        Vector256<double> r = clamped - k * Vector256.Create(Ln2High) - k * Vector256.Create(Ln2Low);
        Vector256<double> p = Vector256.Create(C12) * r + Vector256.Create(C11);
        p = p * r + Vector256.Create(C10);
        p = p * r + Vector256.Create(C9);
        p = p * r + Vector256.Create(C8);
        p = p * r + Vector256.Create(C7);
        p = p * r + Vector256.Create(C6);
        p = p * r + Vector256.Create(C5);
        p = p * r + Vector256.Create(C4);
        p = p * r + Vector256.Create(C3);
        p = p * r + Vector256.Create(C2);
        p = p * r + Vector256<double>.One;
        p = p * r + Vector256<double>.One;
        Vector256<long> bits = (shifted.AsInt64() - Vector256.Create(ShifterBits - 1023L)) << 52;
        Vector256<double> result = p * bits.AsDouble();
        return Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(Lowest)), Vector256<double>.Zero, result);
    }

    public static Vector512<double> Exp(Vector512<double> x)
    {
        Vector512<double> clamped = Vector512.Max(x, Vector512.Create(Lowest));
        Vector512<double> shifted = clamped * Vector512.Create(Log2E) + Vector512.Create(Shifter);
        Vector512<double> k = shifted - Vector512.Create(Shifter);
        Vector512<double> r = clamped - k * Vector512.Create(Ln2High) - k * Vector512.Create(Ln2Low);
        Vector512<double> p = Vector512.Create(C12) * r + Vector512.Create(C11);
        p = p * r + Vector512.Create(C10);
        p = p * r + Vector512.Create(C9);
        p = p * r + Vector512.Create(C8);
        p = p * r + Vector512.Create(C7);
        p = p * r + Vector512.Create(C6);
        p = p * r + Vector512.Create(C5);
        p = p * r + Vector512.Create(C4);
        p = p * r + Vector512.Create(C3);
        p = p * r + Vector512.Create(C2);
        p = p * r + Vector512<double>.One;
        p = p * r + Vector512<double>.One;
        Vector512<long> bits = (shifted.AsInt64() - Vector512.Create(ShifterBits - 1023L)) << 52;
        Vector512<double> result = p * bits.AsDouble();
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(Lowest)), Vector512<double>.Zero, result);
    }
}
