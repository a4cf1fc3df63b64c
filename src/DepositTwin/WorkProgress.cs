namespace DepositTwin;

/// <summary>Progress of a long operation, reported through <see cref="IProgress{T}"/>.</summary>
/// <param name="Stage">What is being done, for example "Writing blocks".</param>
/// <param name="Completed">Units of work done so far.</param>
/// <param name="Total">Units of work in all.</param>
public readonly record struct WorkProgress(string Stage, long Completed, long Total)
{
    /// <summary>The fraction done, in [0, 1]; 1 when there is nothing to do.</summary>
    public double Fraction => Total <= 0 ? 1.0 : Math.Clamp((double)Completed / Total, 0.0, 1.0);
}
