using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DepositTwin.Estimation.Kernels;

/// <summary>
/// The loops of the small dense solves: a dot product (widest vectors first, then a scalar remainder), an
/// axpy and a scaling over padded rows, and the factor's row elimination. A dot product's summation order
/// depends only on the length and the path, never on memory alignment, so results reproduce exactly run to run.
/// </summary>
internal static class DenseKernels
{
    /// <summary>Σ a[i]·b[i]; short products stay inline, longer ones go to the vector loops.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(KernelPath path, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (b.Length < a.Length)
        {
            throw new ArgumentException("The second vector is shorter than the first.", nameof(b));
        }

        return Dot(path, ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length);
    }

    /// <summary>Σ a[i]·b[i] for i &lt; n over references (no span is built in the Cholesky's inner loops); the caller guarantees the lengths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(KernelPath path, ref double a, ref double b, int n)
    {
        if (n >= 16 && path != KernelPath.Scalar)
        {
            return VectorDot(path, MemoryMarshal.CreateReadOnlySpan(ref a, n), MemoryMarshal.CreateReadOnlySpan(ref b, n));
        }

        // Four independent partial sums: a single running sum would chain every multiply-add on the
        // previous one, and the Cholesky is nothing but such chains.
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i <= n - 4; i += 4)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
            s1 += Unsafe.Add(ref a, i + 1) * Unsafe.Add(ref b, i + 1);
            s2 += Unsafe.Add(ref a, i + 2) * Unsafe.Add(ref b, i + 2);
            s3 += Unsafe.Add(ref a, i + 3) * Unsafe.Add(ref b, i + 3);
        }

        for (; i < n; i++)
        {
            s0 += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return (s0 + s1) + (s2 + s3);
    }

    private static double VectorDot(KernelPath path, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length;
        ref double x = ref MemoryMarshal.GetReference(a);
        ref double y = ref MemoryMarshal.GetReference(b);
        int i = 0;
        double sum = 0;
        if (path >= KernelPath.Vector512 && n >= Vector512<double>.Count)
        {
            Vector512<double> acc = Vector512<double>.Zero;
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                acc += Vector512.LoadUnsafe(ref x, (nuint)i) * Vector512.LoadUnsafe(ref y, (nuint)i);
            }

            sum += Vector512.Sum(acc);
        }

        if (path >= KernelPath.Vector256 && n - i >= Vector256<double>.Count)
        {
            Vector256<double> acc = Vector256<double>.Zero;
            for (; i <= n - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                acc += Vector256.LoadUnsafe(ref x, (nuint)i) * Vector256.LoadUnsafe(ref y, (nuint)i);
            }

            sum += Vector256.Sum(acc);
        }

        if (path >= KernelPath.Vector128 && n - i >= Vector128<double>.Count)
        {
            Vector128<double> acc = Vector128<double>.Zero;
            for (; i <= n - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                acc += Vector128.LoadUnsafe(ref x, (nuint)i) * Vector128.LoadUnsafe(ref y, (nuint)i);
            }

            sum += Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref x, i) * Unsafe.Add(ref y, i);
        }

        return sum;
    }

    /// <summary>
    /// y[i] −= α·x[i] for start ≤ i &lt; end, in whole vectors of the path's one width from exactly
    /// <paramref name="start"/> on, so it may run past <paramref name="end"/> by up to a vector's width less one
    /// (the caller pads both rows). Element-wise, so every path gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SubtractScaledTail(KernelPath path, double alpha, ref double x, ref double y, int start, int end)
    {
        int i = start;
        switch (path)
        {
            case KernelPath.Vector512:
                for (Vector512<double> s = Vector512.Create(alpha); i < end; i += Vector512<double>.Count)
                {
                    (Vector512.LoadUnsafe(ref y, (nuint)i) - s * Vector512.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
                }

                break;
            case KernelPath.Vector256:
                for (Vector256<double> s = Vector256.Create(alpha); i < end; i += Vector256<double>.Count)
                {
                    (Vector256.LoadUnsafe(ref y, (nuint)i) - s * Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
                }

                break;
            case KernelPath.Vector128:
                for (Vector128<double> s = Vector128.Create(alpha); i < end; i += Vector128<double>.Count)
                {
                    (Vector128.LoadUnsafe(ref y, (nuint)i) - s * Vector128.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
                }

                break;
            default:
                for (; i < end; i++)
                {
                    Unsafe.Add(ref y, i) -= alpha * Unsafe.Add(ref x, i);
                }

                break;
        }
    }

    /// <summary>x[i] ·= α for start ≤ i &lt; end, padded like <see cref="SubtractScaledTail"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleTail(KernelPath path, double alpha, ref double x, int start, int end)
    {
        int i = start;
        switch (path)
        {
            case KernelPath.Vector512:
                for (Vector512<double> s = Vector512.Create(alpha); i < end; i += Vector512<double>.Count)
                {
                    (s * Vector512.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
                }

                break;
            case KernelPath.Vector256:
                for (Vector256<double> s = Vector256.Create(alpha); i < end; i += Vector256<double>.Count)
                {
                    (s * Vector256.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
                }

                break;
            case KernelPath.Vector128:
                for (Vector128<double> s = Vector128.Create(alpha); i < end; i += Vector128<double>.Count)
                {
                    (s * Vector128.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
                }

                break;
            default:
                for (; i < end; i++)
                {
                    Unsafe.Add(ref x, i) *= alpha;
                }

                break;
        }
    }
    /// <summary>
    /// Row j of a factor stored by rows (U = Lᵀ), from its diagonal on, less the rows of the pivots taken so far,
    /// which are rows 0 .. <paramref name="pivots"/> − 1: U[j][i] −= Σ_q U[q][j]·U[q][i] for j ≤ i &lt; m, q in order.
    /// Left-looking, so each stretch of the row stays in registers while the pivots stream past (loads only, one
    /// store; the next pivot row is one stride on, no index to look up), and each element sees the same
    /// subtractions in the same order as in a right-looking elimination: the same bits on every path.
    /// Vectors run from j past m into the row's padding by up to a vector's width less one.
    /// </summary>
    public static void EliminateRow(KernelPath path, ref double u, int stride, int pivots, int j, int m)
    {
        ref double row = ref Unsafe.Add(ref u, j * stride);
        int i = j;
        if (path >= KernelPath.Vector256 && Vector.IsHardwareAccelerated)
        {
            int w = Vector<double>.Count;
            for (; i + 3 * w < m; i += 4 * w)
            {
                // Four vectors of the row at a time: four independent chains of subtractions.
                Vector<double> a0 = Vector.LoadUnsafe(ref row, (nuint)i), a1 = Vector.LoadUnsafe(ref row, (nuint)(i + w));
                Vector<double> a2 = Vector.LoadUnsafe(ref row, (nuint)(i + 2 * w)), a3 = Vector.LoadUnsafe(ref row, (nuint)(i + 3 * w));
                ref double pivot = ref u;
                for (int q = 0; q < pivots; q++, pivot = ref Unsafe.Add(ref pivot, stride))
                {
                    var f = new Vector<double>(Unsafe.Add(ref pivot, j));
                    a0 -= f * Vector.LoadUnsafe(ref pivot, (nuint)i);
                    a1 -= f * Vector.LoadUnsafe(ref pivot, (nuint)(i + w));
                    a2 -= f * Vector.LoadUnsafe(ref pivot, (nuint)(i + 2 * w));
                    a3 -= f * Vector.LoadUnsafe(ref pivot, (nuint)(i + 3 * w));
                }

                a0.StoreUnsafe(ref row, (nuint)i);
                a1.StoreUnsafe(ref row, (nuint)(i + w));
                a2.StoreUnsafe(ref row, (nuint)(i + 2 * w));
                a3.StoreUnsafe(ref row, (nuint)(i + 3 * w));
            }

            // The last one to three vectors in one pass over the pivots: their chains overlap instead of following one another.
            if (i < m)
            {
                int last = (m - i - 1) / w; // 0, 1 or 2: index of the last vector
                Vector<double> a0 = Vector.LoadUnsafe(ref row, (nuint)i);
                Vector<double> a1 = last >= 1 ? Vector.LoadUnsafe(ref row, (nuint)(i + w)) : default;
                Vector<double> a2 = last >= 2 ? Vector.LoadUnsafe(ref row, (nuint)(i + 2 * w)) : default;
                ref double pivot = ref u;
                for (int q = 0; q < pivots; q++, pivot = ref Unsafe.Add(ref pivot, stride))
                {
                    // Loading past the row's last vector reads padding (or the next row) and is never stored.
                    var f = new Vector<double>(Unsafe.Add(ref pivot, j));
                    a0 -= f * Vector.LoadUnsafe(ref pivot, (nuint)i);
                    a1 -= f * Vector.LoadUnsafe(ref pivot, (nuint)(i + w));
                    a2 -= f * Vector.LoadUnsafe(ref pivot, (nuint)(i + 2 * w));
                }

                a0.StoreUnsafe(ref row, (nuint)i);
                if (last >= 1)
                {
                    a1.StoreUnsafe(ref row, (nuint)(i + w));
                }

                if (last >= 2)
                {
                    a2.StoreUnsafe(ref row, (nuint)(i + 2 * w));
                }
            }

            return;
        }

        for (int q = 0; q < pivots; q++)
        {
            ref double pivot = ref Unsafe.Add(ref u, q * stride);
            double f = Unsafe.Add(ref pivot, j);
            for (int k = j; k < m; k++)
            {
                Unsafe.Add(ref row, k) -= f * Unsafe.Add(ref pivot, k);
            }
        }
    }
}
