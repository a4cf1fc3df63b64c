using DepositTwin.Estimation;
using DepositTwin.Estimation.Kernels;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.Tests.Estimation.Kernels;

/// <summary>
/// Every kernel path against the plain scalar reference, for every length 0..257 and random data, with
/// tolerances scaled to the magnitude. CI also runs these with AVX-512 and with all intrinsics disabled.
/// </summary>
public class KernelTests
{
    public static TheoryData<KernelPath> Paths => [KernelPath.Scalar, KernelPath.Vector128, KernelPath.Vector256, KernelPath.Vector512, KernelPath.Auto];

    private static readonly VariogramModel EveryShape = new(0.07,
        new VariogramStructure(StructureType.Spherical, 0.3, Ellipsoid.FromGslib(90, 30, -20, 10, 0.6, 0.3)),
        new VariogramStructure(StructureType.Exponential, 0.2, Ellipsoid.FromGslib(150, 60, 0, 0, 0.8, 0.5)),
        new VariogramStructure(StructureType.Gaussian, 0.1, Ellipsoid.FromGslib(70, 0, -45, 0, 1, 0.4)),
        new VariogramStructure(StructureType.Cubic, 0.15, Ellipsoid.FromGslib(110, 100, 10, -30, 0.5, 0.5)),
        new VariogramStructure(StructureType.Power, 0.01, Ellipsoid.Isotropic(50), exponent: 1.3));

    [Theory]
    [MemberData(nameof(Paths))]
    public void Covariance_rows_equal_the_scalar_reference_for_every_length(KernelPath path)
    {
        var reference = new CovarianceFunction(EveryShape, KernelPath.Scalar);
        var kernel = new CovarianceFunction(EveryShape, path);
        var random = new Random((int)path);
        for (int n = 0; n <= 257; n++)
        {
            var p = new Point3(500_000 + random.NextDouble() * 100, 2_900_000 + random.NextDouble() * 100, 1_000 + random.NextDouble() * 50);
            double[] xs = new double[n], ys = new double[n], zs = new double[n];
            for (int j = 0; j < n; j++)
            {
                bool coincident = random.NextDouble() < 0.05; // exercises the nugget at zero lag
                xs[j] = coincident ? p.X : p.X + (random.NextDouble() - 0.5) * 300;
                ys[j] = coincident ? p.Y : p.Y + (random.NextDouble() - 0.5) * 300;
                zs[j] = coincident ? p.Z : p.Z + (random.NextDouble() - 0.5) * 100;
            }

            var result = new double[n];
            kernel.Row(p, xs, ys, zs, result);
            for (int j = 0; j < n; j++)
            {
                double expected = reference.Covariance(p, new Point3(xs[j], ys[j], zs[j]));
                Assert.True(Math.Abs(expected - result[j]) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
                    $"path {path}, n {n}, j {j}: {result[j]} vs {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Shared_pair_covariances_are_those_of_each_pair_alone(KernelPath path)
    {
        // Systems drawn from one pool of samples (with duplicates, and near-duplicates either side of the zero
        // lag), in random orders, sharing one table: every entry equals the scalar reference, and is the same bits
        // as for that pair alone, whatever came before and however full the table was.
        // No power structure: its large constant would round away the ulp the vector exponential may differ by.
        var model = new VariogramModel(0.1,
            new VariogramStructure(StructureType.Spherical, 0.4, Ellipsoid.FromGslib(120, 30, -10, 5, 0.6, 0.3)),
            new VariogramStructure(StructureType.Exponential, 0.3, Ellipsoid.FromGslib(300, 50, 0, 0, 0.8, 0.5)));
        var reference = new CovarianceFunction(model, KernelPath.Scalar);
        var kernel = new CovarianceFunction(model, path);
        var random = new Random(31 + (int)path);
        var pool = new Point3[300];
        for (int j = 0; j < pool.Length; j++)
        {
            int twin = j > 0 && random.NextDouble() < 0.15 ? random.Next(j) : -1;
            double jitter = random.Next(3) switch { 0 => 0, 1 => 3e-11, _ => 3e-9 }; // at zero lag, at zero lag, not
            pool[j] = twin >= 0
                ? pool[twin] + new Point3(jitter, 0, 0)
                : new Point3(500_000 + (random.NextDouble() * 300), 2_900_000 + (random.NextDouble() * 300), 1_000 + (random.NextDouble() * 80));
        }

        var shared = new PairCovariances(kernel);
        var pair = new PairCovariances(kernel);
        double[] two = new double[2 * 17];
        int[] twoSlots = new int[2];
        for (int system = 0; system < 200; system++)
        {
            int m = random.Next(0, 71), stride = m + 16;
            int[] ids = Enumerable.Range(0, pool.Length).OrderBy(_ => random.Next()).Take(m).ToArray();
            Point3[] locations = ids.Select(i => pool[i]).ToArray();
            if (random.NextDouble() < 0.1)
            {
                shared.Clear();
            }

            int[] slots = new int[m];
            double[] c = new double[Math.Max(1, m) * stride];
            shared.Assign(ids, locations, slots);
            shared.FillUpper(slots, ref c[0], stride);
            for (int i = 0; i < m; i++)
            {
                Assert.Equal(0, c[i * stride + i]);
                for (int j = i + 1; j < m; j++)
                {
                    double expected = reference.Covariance(locations[i], locations[j]);
                    Assert.True(Math.Abs(expected - c[i * stride + j]) <= 1e-12, $"path {path}, system {system}, ({i}, {j}): {c[i * stride + j]} vs {expected}");
                    pair.Assign([], [locations[j], locations[i]], twoSlots);
                    pair.FillUpper(twoSlots, ref two[0], 17);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(two[1]), BitConverter.DoubleToInt64Bits(c[i * stride + j]));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Covariance_rows_match_the_model_itself(KernelPath path)
    {
        var kernel = new CovarianceFunction(EveryShape, path);
        var random = new Random(5);
        Point3[] points = Enumerable.Range(0, 40).Select(_ => new Point3(random.NextDouble() * 200, random.NextDouble() * 200, random.NextDouble() * 50)).ToArray();
        var result = new double[points.Length];
        kernel.Row(points[3], points.Select(q => q.X).ToArray(), points.Select(q => q.Y).ToArray(), points.Select(q => q.Z).ToArray(), result);
        for (int j = 0; j < points.Length; j++)
        {
            Assert.Equal(EveryShape.Covariance(points[3], points[j]), result[j], 1e-12 * EveryShape.TotalSill);
        }
    }

    [Fact]
    public void The_vector_exponential_agrees_with_Math_Exp_to_a_few_ulp()
    {
        var random = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            double x = i < 10 ? -i * 0.5 : -random.NextDouble() * (i % 2 == 0 ? 40 : 708);
            double expected = Math.Exp(x);
            double tolerance = 4e-16 * expected;
            Assert.True(Math.Abs(DepositTwin.Variography.VectorMath.Exp(System.Runtime.Intrinsics.Vector128.Create(x))[0] - expected) <= tolerance, $"128 at {x}");
            Assert.True(Math.Abs(DepositTwin.Variography.VectorMath.Exp(System.Runtime.Intrinsics.Vector256.Create(x))[0] - expected) <= tolerance, $"256 at {x}");
            Assert.True(Math.Abs(DepositTwin.Variography.VectorMath.Exp(System.Runtime.Intrinsics.Vector512.Create(x))[0] - expected) <= tolerance, $"512 at {x}");
        }

        Assert.Equal(0, DepositTwin.Variography.VectorMath.Exp(System.Runtime.Intrinsics.Vector256.Create(-800.0))[0]);
        Assert.Equal(1, DepositTwin.Variography.VectorMath.Exp(System.Runtime.Intrinsics.Vector256.Create(0.0))[0]);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Dot_and_subtract_scaled_equal_the_plain_loops_for_every_length(KernelPath path)
    {
        KernelPath resolved = path == KernelPath.Auto ? KernelPath.Vector512 : path;
        var random = new Random(9);
        for (int n = 0; n <= 257; n++)
        {
            double[] a = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double[] b = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            double expected = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                expected += a[i] * b[i];
                magnitude += Math.Abs(a[i] * b[i]);
            }

            Assert.Equal(expected, DenseKernels.Dot(resolved, a, b), 1e-14 * Math.Max(1, magnitude));
            // The axpy runs in whole vectors past n: both vectors carry a widest vector of padding.
            double[] x = [.. a, .. new double[8]], y = [.. b, .. new double[8]];
            DenseKernels.SubtractScaledTail(resolved, 0.37, ref x[0], ref y[0], 0, n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(b[i] - 0.37 * a[i], y[i]); // element-wise: exact on every path
            }

            for (int start = 0; start < n; start += 1 + n / 5)
            {
                double[] z = [.. b, .. new double[8]];
                DenseKernels.SubtractScaledTail(resolved, 0.37, ref x[0], ref z[0], start, n);
                Assert.Equal(b.AsSpan(0, start).ToArray(), z.AsSpan(0, start).ToArray()); // nothing before start is touched
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Row_elimination_gives_the_same_bits_on_every_path(KernelPath path)
    {
        var random = new Random(13);
        KernelPath resolved = KernelPaths.Resolve(path);
        for (int m = 1; m <= 70; m++)
        {
            int stride = m + 16; // the factor's padding
            double[] u = Enumerable.Range(0, m * stride).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int j = 0; j < m; j += 1 + m / 7)
            {
                int pivots = j - random.Next(Math.Min(j, 3) + 1); // some candidates dropped
                double[] scalar = (double[])u.Clone(), vector = (double[])u.Clone();
                DenseKernels.EliminateRow(KernelPath.Scalar, ref scalar[0], stride, pivots, j, m);
                DenseKernels.EliminateRow(resolved, ref vector[0], stride, pivots, j, m);
                Assert.Equal(scalar.AsSpan(j * stride + j, m - j).ToArray(), vector.AsSpan(j * stride + j, m - j).ToArray());
                Assert.Equal(u.AsSpan(0, j * stride).ToArray(), vector.AsSpan(0, j * stride).ToArray()); // the pivots' rows are only read
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Block_kriging_on_every_path_equals_the_scalar_path(KernelPath path)
    {
        var random = new Random(21);
        Point3[] points = Enumerable.Range(0, 400).Select(_ => new Point3(random.NextDouble() * 300, random.NextDouble() * 300, random.NextDouble() * 60)).ToArray();
        double[] z = points.Select(p => Math.Sin(p.X / 50) + Math.Cos(p.Y / 70) + random.NextDouble() * 0.1).ToArray();
        var samples = SampleSet.Of(points, "z", z);
        var model = new VariogramModel(0.05,
            new VariogramStructure(StructureType.Spherical, 0.5, Ellipsoid.FromGslib(120, 30, -10, 0, 0.7, 0.4)),
            new VariogramStructure(StructureType.Exponential, 0.4, Ellipsoid.FromGslib(250, 45, 0, 0, 0.8, 0.5)));
        Point3[] centres = Enumerable.Range(0, 60).Select(_ => new Point3(random.NextDouble() * 300, random.NextDouble() * 300, random.NextDouble() * 60)).ToArray();
        EstimationPlan Plan(KernelPath p) => new(EstimationMethod.OrdinaryKriging, new SearchNeighbourhood(Ellipsoid.FromGslib(200, 30, 0, 0, 0.8, 0.5), 2, 40))
        {
            Variogram = model,
            Discretisation = new BlockDiscretisation(4, 4, 2),
            KernelPath = p,
        };
        BlockEstimate[] scalar = PointEstimator.EstimateBlocks(samples, "z", Plan(KernelPath.Scalar), centres, new Point3(10, 10, 5), out _);
        BlockEstimate[] vector = PointEstimator.EstimateBlocks(samples, "z", Plan(path), centres, new Point3(10, 10, 5), out _);
        for (int i = 0; i < centres.Length; i++)
        {
            Assert.Equal(scalar[i].Estimate, vector[i].Estimate, 1e-10 * Math.Max(1, Math.Abs(scalar[i].Estimate)));
            Assert.Equal(scalar[i].Variance, vector[i].Variance, 1e-10);
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Inverse_distance_sums_and_distance_summaries_equal_the_plain_loops_for_every_length(KernelPath path)
    {
        KernelPath resolved = KernelPaths.Resolve(path);
        var random = new Random(17);
        foreach (double power in new[] { 2.0, 1.0, 2.5 })
        {
            for (int n = 0; n <= 257; n++)
            {
                double[] squared = Enumerable.Range(0, n).Select(_ => random.NextDouble() < 0.03 ? 0.0 : Math.Pow(10, random.NextDouble() * 6 - 2)).ToArray();
                double[] weighting = squared.Select(d => d * (0.5 + random.NextDouble())).ToArray(); // an anisotropic distance
                double[] values = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 3).ToArray();
                double sumW = 0, sumWz = 0, atSum = 0, nearest = double.PositiveInfinity, sum = 0;
                int at = 0;
                for (int i = 0; i < n; i++)
                {
                    nearest = Math.Min(nearest, Math.Sqrt(squared[i]));
                    sum += Math.Sqrt(squared[i]);
                    if (squared[i] < VariogramModel.ZeroDistanceSquared)
                    {
                        (at, atSum) = (at + 1, atSum + values[i]);
                        continue;
                    }

                    double w = Math.Pow(Math.Sqrt(weighting[i]), -power);
                    (sumW, sumWz) = (sumW + w, sumWz + w * values[i]);
                }

                InverseDistanceSums sums = DistanceKernels.InverseDistance(resolved, squared, weighting, values, power);
                string where = $"path {path}, power {power}, n {n}";
                Assert.True(Math.Abs(sums.Weights - sumW) <= 1e-13 * sumW, where);
                Assert.True(Math.Abs(sums.WeightedValues - sumWz) <= 1e-13 * sumWz, where);
                Assert.Equal(at, sums.Coincident);
                Assert.Equal(atSum, sums.CoincidentValues, 1e-13 * Math.Max(1, atSum));
                (double kernelNearest, double kernelSum) = DistanceKernels.Distances(resolved, squared);
                Assert.Equal(nearest, kernelNearest); // the least root is the root of the least square, exactly
                Assert.True(Math.Abs(kernelSum - sum) <= 1e-13 * sum, where);
            }
        }

        Assert.Throws<ArgumentException>(() => DistanceKernels.InverseDistance(resolved, new double[3], new double[2], new double[3], 2));
    }
    /// <summary>
    /// A kernel's result depends on its inputs, their length and the path, never on where the data sit in memory:
    /// the same numbers at each of eight offsets from a 64-byte boundary give the same bits.
    /// </summary>
    [Theory]
    [MemberData(nameof(Paths))]
    public void Kernel_results_do_not_depend_on_memory_alignment(KernelPath path)
    {
        KernelPath resolved = KernelPaths.Resolve(path);
        var covariance = new CovarianceFunction(EveryShape, path);
        var random = new Random(23);
        var p = new Point3(500_000, 2_900_000, 1_000);
        foreach (int n in new[] { 1, 7, 16, 33, 64, 101 })
        {
            double[] Draw(double scale) => Enumerable.Range(0, n).Select(_ => (random.NextDouble() - 0.5) * scale).ToArray();
            double[] x = Draw(300).Select(v => p.X + v).ToArray(), y = Draw(300).Select(v => p.Y + v).ToArray(), z = Draw(100).Select(v => p.Z + v).ToArray();
            double[] squared = Draw(8_000).Select(Math.Abs).ToArray(), values = Draw(4);
            (double[] Row, double Dot, InverseDistanceSums Sums, (double, double) Distances)? first = null;
            for (int offset = 0; offset < 8; offset++)
            {
                // Each input starts offset doubles into its buffer, so the inputs meet every alignment modulo 64 bytes.
                ReadOnlySpan<double> At(double[] data)
                {
                    var buffer = new double[n + 8];
                    data.CopyTo(buffer, offset);
                    return buffer.AsSpan(offset, n);
                }

                var row = new double[n];
                covariance.Row(p, At(x), At(y), At(z), row);
                (double[] Row, double Dot, InverseDistanceSums Sums, (double, double) Distances) result = (row, DenseKernels.Dot(resolved, At(squared), At(values)),
                    DistanceKernels.InverseDistance(resolved, At(squared), At(squared), At(values), 2), DistanceKernels.Distances(resolved, At(squared)));
                first ??= result;
                Assert.Equal(first.Value.Row, result.Row); // exact: element by element, bit for bit
                Assert.Equal(first.Value.Dot, result.Dot);
                Assert.Equal(first.Value.Sums, result.Sums);
                Assert.Equal(first.Value.Distances, result.Distances);
            }
        }
    }
}
