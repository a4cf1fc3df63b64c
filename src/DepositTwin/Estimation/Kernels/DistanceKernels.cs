using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DepositTwin.Variography;

namespace DepositTwin.Estimation.Kernels;

/// <summary>Inverse-distance sums of a neighbourhood: Σw and Σw·z over the samples apart from the target, and the samples at it.</summary>
/// <param name="Weights">Σw over the samples not at zero distance.</param>
/// <param name="WeightedValues">Σw·z over the same samples.</param>
/// <param name="Coincident">Samples at zero distance (Euclidean d² below <see cref="VariogramModel.ZeroDistanceSquared"/>).</param>
/// <param name="CoincidentValues">Σz over those.</param>
internal readonly record struct InverseDistanceSums(double Weights, double WeightedValues, int Coincident, double CoincidentValues)
{
    /// <summary>The estimate: the mean of the coincident samples if there are any (GSLIB's convention), else Σw·z / Σw.</summary>
    public double Estimate => Coincident > 0 ? CoincidentValues / Coincident : WeightedValues / Weights;
}

/// <summary>
/// The per-neighbourhood loops over squared distances: inverse-distance weights and the distance summary every
/// estimator reports. Vector paths keep one partial sum per lane and add the lanes at the end, so a result
/// depends only on the inputs, their length and the path. AVX-512 would add nothing for neighbourhoods of a few
/// dozen samples, so <see cref="KernelPath.Vector512"/> runs the 256-bit loops here.
/// </summary>
internal static class DistanceKernels
{
    /// <summary>
    /// Σw and Σw·z with w = d^(−power), d the square root of <paramref name="weighting"/> (Euclidean, or anisotropic for
    /// anisotropic inverse distance); samples whose Euclidean <paramref name="squared"/> distance is zero are counted apart.
    /// </summary>
    public static InverseDistanceSums InverseDistance(KernelPath path, ReadOnlySpan<double> squared, ReadOnlySpan<double> weighting,
        ReadOnlySpan<double> values, double power)
    {
        int n = squared.Length;
        if (weighting.Length != n || values.Length != n)
        {
            throw new ArgumentException($"The weighting distances ({weighting.Length}) and values ({values.Length}) must match the {n} distances.", nameof(values));
        }

        ref double d2 = ref MemoryMarshal.GetReference(squared);
        ref double w2 = ref MemoryMarshal.GetReference(weighting);
        ref double z = ref MemoryMarshal.GetReference(values);
        int i = 0;
        double sumW = 0, sumWz = 0, sumCoincident = 0;
        int coincident = 0;

        // Powers 1 and 2 (the common ones) need no pow: 1/√d² and 1/d².
        if (path != KernelPath.Scalar && (power == 2 || power == 1))
        {
            bool square = power == 2;
            if (path >= KernelPath.Vector256)
            {
                Vector256<double> zero = Vector256.Create(VariogramModel.ZeroDistanceSquared), one = Vector256<double>.One;
                Vector256<double> w = Vector256<double>.Zero, wz = Vector256<double>.Zero, at = Vector256<double>.Zero, atCount = Vector256<double>.Zero;
                for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
                {
                    Vector256<double> d = Vector256.LoadUnsafe(ref d2, (nuint)i), v = Vector256.LoadUnsafe(ref z, (nuint)i);
                    Vector256<double> weightingSquared = Vector256.LoadUnsafe(ref w2, (nuint)i);
                    Vector256<double> isAt = Vector256.LessThan(d, zero);
                    Vector256<double> weight = Vector256.AndNot(one / (square ? weightingSquared : Vector256.Sqrt(weightingSquared)), isAt);
                    w += weight;
                    wz += weight * v;
                    at += v & isAt;
                    atCount += one & isAt;
                }

                (sumW, sumWz, sumCoincident, coincident) = (Vector256.Sum(w), Vector256.Sum(wz), Vector256.Sum(at), (int)Vector256.Sum(atCount));
            }

            if (n - i >= Vector128<double>.Count)
            {
                Vector128<double> zero = Vector128.Create(VariogramModel.ZeroDistanceSquared), one = Vector128<double>.One;
                Vector128<double> w = Vector128<double>.Zero, wz = Vector128<double>.Zero, at = Vector128<double>.Zero, atCount = Vector128<double>.Zero;
                for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
                {
                    Vector128<double> d = Vector128.LoadUnsafe(ref d2, (nuint)i), v = Vector128.LoadUnsafe(ref z, (nuint)i);
                    Vector128<double> weightingSquared = Vector128.LoadUnsafe(ref w2, (nuint)i);
                    Vector128<double> isAt = Vector128.LessThan(d, zero);
                    Vector128<double> weight = Vector128.AndNot(one / (square ? weightingSquared : Vector128.Sqrt(weightingSquared)), isAt);
                    w += weight;
                    wz += weight * v;
                    at += v & isAt;
                    atCount += one & isAt;
                }

                (sumW, sumWz, sumCoincident, coincident) = (sumW + Vector128.Sum(w), sumWz + Vector128.Sum(wz), sumCoincident + Vector128.Sum(at), coincident + (int)Vector128.Sum(atCount));
            }
        }

        for (; i < n; i++)
        {
            double v = Unsafe.Add(ref z, i);
            if (Unsafe.Add(ref d2, i) < VariogramModel.ZeroDistanceSquared)
            {
                coincident++;
                sumCoincident += v;
            }
            else
            {
                double weight = Weight(Unsafe.Add(ref w2, i), power);
                sumW += weight;
                sumWz += weight * v;
            }
        }

        return new InverseDistanceSums(sumW, sumWz, coincident, sumCoincident);
    }

    /// <summary>d^(−power) from d².</summary>
    private static double Weight(double squared, double power) => power switch
    {
        2 => 1 / squared,
        1 => 1 / Math.Sqrt(squared),
        _ => Math.Pow(squared, -0.5 * power),
    };

    /// <summary>The nearest distance and the sum of the distances, from squared distances (the root of the least square is the least root).</summary>
    public static (double Nearest, double Sum) Distances(KernelPath path, ReadOnlySpan<double> squared)
    {
        int n = squared.Length;
        ref double d2 = ref MemoryMarshal.GetReference(squared);
        int i = 0;
        double least = double.PositiveInfinity, sum = 0;
        if (path >= KernelPath.Vector256)
        {
            Vector256<double> min = Vector256.Create(double.PositiveInfinity), total = Vector256<double>.Zero;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                Vector256<double> d = Vector256.LoadUnsafe(ref d2, (nuint)i);
                min = Vector256.Min(min, d);
                total += Vector256.Sqrt(d);
            }

            (least, sum) = (Math.Min(Math.Min(min[0], min[1]), Math.Min(min[2], min[3])), Vector256.Sum(total));
        }

        if (path != KernelPath.Scalar && n - i >= Vector128<double>.Count)
        {
            Vector128<double> min = Vector128.Create(double.PositiveInfinity), total = Vector128<double>.Zero;
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                Vector128<double> d = Vector128.LoadUnsafe(ref d2, (nuint)i);
                min = Vector128.Min(min, d);
                total += Vector128.Sqrt(d);
            }

            (least, sum) = (Math.Min(least, Math.Min(min[0], min[1])), sum + Vector128.Sum(total));
        }

        for (; i < n; i++)
        {
            double d = Unsafe.Add(ref d2, i);
            least = Math.Min(least, d);
            sum += Math.Sqrt(d);
        }

        return (Math.Sqrt(least), sum);
    }
}
