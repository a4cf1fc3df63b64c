using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.Estimation;

/// <summary>The world axis a swath plot slices along.</summary>
public enum SwathAxis
{
    /// <summary>Easting.</summary>
    X,

    /// <summary>Northing.</summary>
    Y,

    /// <summary>Elevation.</summary>
    Z,
}

/// <summary>One slice of a swath plot.</summary>
/// <param name="From">Lower edge of the slice (m), inclusive.</param>
/// <param name="To">Upper edge (m), exclusive.</param>
/// <param name="Blocks">Estimated blocks whose centroid lies in the slice.</param>
/// <param name="MeanEstimate">Their mean estimate (NaN without blocks).</param>
/// <param name="Samples">Samples in the slice.</param>
/// <param name="MeanSample">Their mean value (NaN without samples).</param>
public readonly record struct SwathSlice(double From, double To, int Blocks, double MeanEstimate, int Samples, double MeanSample);

/// <summary>Swath plots: mean estimate against mean composite in slices along an axis, the usual check for bias and smoothing.</summary>
public static class Swath
{
    /// <summary>Computes the slices from the lowest to the highest coordinate of blocks and samples.</summary>
    /// <param name="model">The block model.</param>
    /// <param name="estimate">The estimate attribute.</param>
    /// <param name="samples">The samples.</param>
    /// <param name="variable">The sample column.</param>
    /// <param name="axis">The slicing axis.</param>
    /// <param name="width">Slice width (m).</param>
    public static SwathSlice[] Compute(BlockModel model, string estimate, SampleSet samples, string variable, SwathAxis axis, double width)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(samples);
        if (!(width > 0) || !double.IsFinite(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "The slice width must be finite and positive.");
        }

        DoubleAttribute values = model.GetDouble(estimate);
        ReadOnlySpan<double> sampleValues = samples.Values(variable);
        static double Along(Point3 p, SwathAxis axis) => axis switch { SwathAxis.X => p.X, SwathAxis.Y => p.Y, _ => p.Z };
        var blocks = new List<(double At, double Value)>();
        for (int row = 0; row < model.Count; row++)
        {
            if (!double.IsNaN(values[row]))
            {
                blocks.Add((Along(model.Centroid(row), axis), values[row]));
            }
        }

        var points = new List<(double At, double Value)>();
        for (int i = 0; i < samples.Count; i++)
        {
            if (!double.IsNaN(sampleValues[i]))
            {
                points.Add((Along(samples.Locations[i], axis), sampleValues[i]));
            }
        }

        if (blocks.Count + points.Count == 0)
        {
            return [];
        }

        double start = Math.Floor(blocks.Concat(points).Min(b => b.At) / width) * width;
        int count = (int)Math.Floor((blocks.Concat(points).Max(b => b.At) - start) / width) + 1;
        var slices = new (int N, double Sum, int M, double SumSamples)[count];
        foreach ((double at, double value) in blocks)
        {
            int s = (int)((at - start) / width);
            slices[s].N++;
            slices[s].Sum += value;
        }

        foreach ((double at, double value) in points)
        {
            int s = (int)((at - start) / width);
            slices[s].M++;
            slices[s].SumSamples += value;
        }

        return slices.Select((s, i) => new SwathSlice(start + i * width, start + (i + 1) * width,
            s.N, s.N > 0 ? s.Sum / s.N : double.NaN, s.M, s.M > 0 ? s.SumSamples / s.M : double.NaN)).ToArray();
    }
}
