using DepositTwin.Samples;

namespace DepositTwin.Twin;

/// <summary>Where new samples come from: it decides which models they update.</summary>
public enum SampleSource
{
    /// <summary>Exploration or infill drilling: updates the long-term resource model and the grade-control model.</summary>
    Drilling,

    /// <summary>Blast-hole samples: update the grade-control model only.</summary>
    BlastHoles,

    /// <summary>Online analysers and sensors reporting grades at positions: the grade-control model only.</summary>
    Sensors,
}

/// <summary>Something the mine reports to the twin.</summary>
/// <param name="Timestamp">When it was observed; each observation of a twin has its own, later than the last.</param>
/// <param name="Description">What it is, in words (kept with the version).</param>
public abstract record Observation(DateTimeOffset Timestamp, string Description);

/// <summary>New samples (composites of new holes, blast holes or sensor grades), appended after those the twin has.</summary>
/// <param name="Timestamp">When they arrived.</param>
/// <param name="Description">What they are.</param>
/// <param name="Source">Drilling, blast holes or sensors.</param>
/// <param name="Samples">The samples, with the twin's variable as a column; their hole ids must not reuse the twin's.</param>
public sealed record NewSamples(DateTimeOffset Timestamp, string Description, SampleSource Source, SampleSet Samples) : Observation(Timestamp, Description);

/// <summary>Blocks mined out in a period (rows of the block model).</summary>
/// <param name="Timestamp">When the survey of the mined volume was taken.</param>
/// <param name="Description">What was mined.</param>
/// <param name="Period">The production period (≥ 1).</param>
/// <param name="Blocks">Block model rows mined; each may be mined once.</param>
public sealed record Depletion(DateTimeOffset Timestamp, string Description, int Period, IReadOnlyList<int> Blocks) : Observation(Timestamp, Description);

/// <summary>What the mill reports for a period.</summary>
/// <param name="Timestamp">When it was reported.</param>
/// <param name="Description">The report.</param>
/// <param name="Period">The production period (≥ 1).</param>
/// <param name="Tonnes">Tonnes treated (≥ 0).</param>
/// <param name="Grade">Head grade (≥ 0), in the twin's grade unit.</param>
public sealed record MillProduction(DateTimeOffset Timestamp, string Description, int Period, double Tonnes, double Grade) : Observation(Timestamp, Description);

/// <summary>Grades reported per block (an online analyser on a shovel or a truckload traced to its block), taken as samples at the block centres.</summary>
/// <param name="Timestamp">When they were reported.</param>
/// <param name="Description">The source.</param>
/// <param name="Readings">Block model rows and the grade measured for each.</param>
/// <param name="FirstId">The sample id (hole id) of the first reading; the others follow. Ids must be new to the twin.</param>
public sealed record BlockGrades(DateTimeOffset Timestamp, string Description, IReadOnlyList<(int Row, double Grade)> Readings, int FirstId) : Observation(Timestamp, Description);

/// <summary>
/// Re-plans the pit on the grade-control model: block values from the economics (mined blocks are air),
/// the ultimate pit by the pattern, written to the "pit" attribute (1 in the pit) with "value".
/// </summary>
/// <param name="Timestamp">When the plan was made.</param>
/// <param name="Description">Why (e.g. "quarterly re-plan").</param>
/// <param name="Economics">Block economics; its commodities name the twin's grade-control attribute (e.g. "Cu_gc").</param>
/// <param name="Pattern">The slope precedence over the model's grid.</param>
public sealed record Replan(DateTimeOffset Timestamp, string Description, Resources.BlockEconomics Economics, Planning.PrecedencePattern Pattern) : Observation(Timestamp, Description)
{
    /// <summary>Also schedule what is left (nested pits, pushbacks, bench-phase schedule), written to the "period" attribute; none by default.</summary>
    public ReplanSchedule? Schedule { get; init; }
}

/// <summary>How a re-plan schedules the remaining pit.</summary>
/// <param name="RevenueFactors">Revenue factors of the nested pits (the last should be 1: the ultimate pit).</param>
/// <param name="MinimumPushbackShare">Smallest pushback as a share of the largest pit's tonnes, in (0, 1].</param>
/// <param name="Options">Capacities and discount rate of the schedule.</param>
public sealed record ReplanSchedule(IReadOnlyList<double> RevenueFactors, double MinimumPushbackShare, Planning.ScheduleOptions Options);
