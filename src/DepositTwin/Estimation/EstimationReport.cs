using System.Globalization;
using System.Text;

namespace DepositTwin.Estimation;

/// <summary>What an estimation run did: blocks per pass, blocks left unestimated, coincident samples dropped.</summary>
public sealed class EstimationReport
{
    internal EstimationReport(EstimationMethod method, int targets, long[] perPass, long unestimated, long dropped, long blocksWithDrops, int samplesMissing, TimeSpan elapsed)
    {
        Method = method;
        Targets = targets;
        EstimatedPerPass = perPass;
        Unestimated = unestimated;
        SamplesDropped = dropped;
        BlocksWithDroppedSamples = blocksWithDrops;
        SamplesMissing = samplesMissing;
        Elapsed = elapsed;
    }

    /// <summary>The estimator.</summary>
    public EstimationMethod Method { get; }

    /// <summary>Blocks (or points) asked for.</summary>
    public int Targets { get; }

    /// <summary>Blocks estimated by each pass (index 0 = pass 1).</summary>
    public IReadOnlyList<long> EstimatedPerPass { get; }

    /// <summary>Blocks no pass could estimate: left missing (NaN).</summary>
    public long Unestimated { get; }

    /// <summary>
    /// Samples dropped from kriging systems because they coincided with a nearer sample already in the
    /// system (the rule that keeps duplicate locations from making the system singular), over all blocks.
    /// </summary>
    public long SamplesDropped { get; }

    /// <summary>Blocks whose system dropped at least one coincident sample.</summary>
    public long BlocksWithDroppedSamples { get; }

    /// <summary>Samples left out because their value was missing.</summary>
    public int SamplesMissing { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Method}: {Targets} blocks in {Elapsed.TotalSeconds:0.###} s ({Targets / Math.Max(Elapsed.TotalSeconds, 1e-9):N0} blocks/s)");
        for (int p = 0; p < EstimatedPerPass.Count; p++)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  pass {p + 1}: {EstimatedPerPass[p]} blocks");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  unestimated (missing): {Unestimated} blocks");
        if (SamplesMissing > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  samples without a value, left out: {SamplesMissing}");
        }

        if (SamplesDropped > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  coincident samples dropped from kriging systems: {SamplesDropped} in {BlocksWithDroppedSamples} blocks");
        }

        return text.ToString();
    }
}
