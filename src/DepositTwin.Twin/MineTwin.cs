using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Resources;
using DepositTwin.Samples;

namespace DepositTwin.Twin;

/// <summary>What the twin estimates and how it reports.</summary>
/// <param name="Variable">The sample column estimated (e.g. "Cu").</param>
/// <param name="Plan">The estimation plan (passes, method, variogram).</param>
/// <param name="CutOff">The cut-off of the ore the summaries and the reconciliation count.</param>
/// <param name="Tonnes">The block model's tonnes attribute.</param>
public sealed record TwinSettings(string Variable, EstimationPlan Plan, double CutOff, string Tonnes = "tonnes")
{
    /// <summary>
    /// Rules that classify the long-term resource model into the "class" attribute, kept current by every
    /// drilling update (only the blocks the update can reclassify are recomputed); none by default.
    /// </summary>
    public IReadOnlyList<ClassRule>? ClassRules { get; init; }

    /// <summary>
    /// The block model's integer attribute of domain codes: when set, each domain is estimated from the samples
    /// with its code only (hard boundaries; samples carry codes in <see cref="SampleSet.Domains"/>), and blocks
    /// outside every domain stay unestimated. Null (the default): one estimate over all blocks and samples.
    /// </summary>
    public string? DomainAttribute { get; init; }

    /// <summary>The clean-up of the classification (with <see cref="ClassRules"/>); none by default.</summary>
    public ClassSmoothing? ClassSmoothing { get; init; }

    /// <summary>The resource statement each update reports before and after: the grade-control model above the cut-off, unmined blocks, by class when there are <see cref="ClassRules"/>.</summary>
    public ResourceStatementOptions Statement => new()
    {
        Grades = [GradeControlModel], CutOffs = [CutOff], Tonnes = Tonnes, Class = ClassRules is null ? null : "class",
        Conditions = [OreCondition.IsMissing("mined")],
    };

    /// <summary>The long-term resource model's attribute (drilling only).</summary>
    public string ResourceModel => Variable + "_ltm";

    /// <summary>The grade-control model's attribute (drilling, blast holes and sensors).</summary>
    public string GradeControlModel => Variable + "_gc";
}

/// <summary>One immutable state of the twin.</summary>
/// <param name="Id">1, 2, … in order.</param>
/// <param name="Timestamp">When the observation that made it was taken.</param>
/// <param name="Description">What came in.</param>
/// <param name="BlocksChanged">Blocks whose values changed.</param>
/// <param name="OreTonnes">Unmined ore tonnes (grade control ≥ cut-off) after it.</param>
/// <param name="OreMetal">Their metal (tonnes × grade).</param>
public sealed record TwinVersion(int Id, DateTimeOffset Timestamp, string Description, int BlocksChanged, double OreTonnes, double OreMetal);

/// <summary>What an update did.</summary>
/// <param name="Version">The version it made.</param>
/// <param name="Rejected">Parts of the observation left out, each with its reason (e.g. a sample outside the model).</param>
/// <param name="OreTonnesChange">Change of unmined ore tonnes.</param>
/// <param name="OreMetalChange">Change of their metal.</param>
/// <param name="Before">The resource statement (<see cref="TwinSettings.Statement"/>) before the update.</param>
/// <param name="After">The statement after it.</param>
public sealed record TwinUpdate(TwinVersion Version, IReadOnlyList<string> Rejected, double OreTonnesChange, double OreMetalChange,
    ResourceStatement Before, ResourceStatement After);

/// <summary>
/// The live twin of a deposit: the block model with a long-term resource model (drilling) and a
/// grade-control model (drilling, blast holes, sensors), the samples behind them, what has been mined and
/// what the mill reported. Each observation re-estimates only the blocks it can reach (identical to a full
/// re-estimation) and makes a new version; with a store, each version is committed atomically.
/// </summary>
public sealed class MineTwin
{
    private readonly List<TwinVersion> _versions = [];
    private readonly Dictionary<int, Production> _mill = [];
    private readonly TwinStore? _store;

    private MineTwin(BlockModel model, SampleSet drilling, SampleSet gradeControl, TwinSettings settings, TwinStore? store)
    {
        Model = model;
        Drilling = drilling;
        GradeControlSamples = gradeControl;
        Settings = settings;
        _store = store;
    }

    /// <summary>The block model (read it; change it only through observations).</summary>
    public BlockModel Model { get; }

    /// <summary>The settings.</summary>
    public TwinSettings Settings { get; }

    /// <summary>Drilling samples (the long-term model's data).</summary>
    public SampleSet Drilling { get; private set; }

    /// <summary>All samples of the grade-control model.</summary>
    public SampleSet GradeControlSamples { get; private set; }

    /// <summary>The versions, oldest first.</summary>
    public IReadOnlyList<TwinVersion> Versions => _versions;

    /// <summary>The pit of the last re-plan in this session (its blocks are flagged in the "pit" attribute, which the store keeps); null before one.</summary>
    public Planning.PitSolution? Pit { get; private set; }

    /// <summary>The schedule of the last re-plan with a <see cref="Replan.Schedule"/> in this session (block periods are in the "period" attribute, which the store keeps); null before one.</summary>
    public Planning.ProductionSchedule? Schedule { get; private set; }

    /// <summary>The latest version.</summary>
    public TwinVersion Current => _versions[^1];

    /// <summary>
    /// Creates a twin: estimates both models from the drilling (version 1) and, with a store path, creates the
    /// store (which must not exist yet).
    /// </summary>
    public static MineTwin Create(BlockModel model, SampleSet drilling, TwinSettings settings, DateTimeOffset timestamp, string? storePath = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(drilling);
        ArgumentNullException.ThrowIfNull(settings);
        _ = drilling.Values(settings.Variable);
        _ = model.GetDouble(settings.Tonnes);
        if (!model.Contains("mined"))
        {
            model.AddInteger("mined", description: "production period the block was mined in");
        }

        if (settings.DomainAttribute is { } domains)
        {
            _ = model.GetInteger(domains);
        }

        Estimate(model, drilling, settings, settings.ResourceModel, model.All);
        Estimate(model, drilling, settings, settings.GradeControlModel, model.All);
        Classify(model, settings, null);
        TwinStore? store = storePath is null ? null : TwinStore.Create(storePath, model);
        var twin = new MineTwin(model, drilling, drilling, settings, store);
        (double t, double m) = Ore(ResourceStatement.Compute(model, settings.Statement), settings);
        var version = new TwinVersion(1, timestamp, "initial estimate from drilling", model.Count, t, m);
        store?.Commit(version, model, Enumerable.Range(0, model.Count).ToArray(), [(SampleSource.Drilling, drilling)], null);
        twin._versions.Add(version);
        return twin;
    }

    /// <summary>Reopens a twin from its store at its latest version, ready to take more observations.</summary>
    public static MineTwin Open(string storePath, TwinSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        TwinStore store = TwinStore.Open(storePath);
        var (model, versions, samples, mill) = store.Load(int.MaxValue);
        SampleSet drilling = SampleSet.Concat(samples.Where(s => s.Source == SampleSource.Drilling).Select(s => s.Samples).ToList());
        SampleSet all = SampleSet.Concat(samples.Select(s => s.Samples).ToList());
        var twin = new MineTwin(model, drilling, all, settings, store);
        twin._versions.AddRange(versions);
        foreach ((int period, Production p) in mill)
        {
            twin._mill[period] = p;
        }

        return twin;
    }

    /// <summary>Takes an observation. Invalid input throws (naming what is wrong) and changes nothing; parts that cannot be used are listed in the update.</summary>
    /// <exception cref="ArgumentException">A timestamp not after the last, a missing column, reused hole ids, bad periods, negative tonnes or grades, block rows out of range.</exception>
    public TwinUpdate Apply(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Timestamp <= Current.Timestamp)
        {
            throw new ArgumentException($"The observation's timestamp {observation.Timestamp:O} is not after the last version's ({Current.Timestamp:O}).", nameof(observation));
        }

        var rejected = new List<string>();
        (double tonnesBefore, double metalBefore) = (Current.OreTonnes, Current.OreMetal);
        if (observation is BlockGrades g)
        {
            observation = AsSamples(g, rejected);
        }

        ResourceStatement statementBefore = ResourceStatement.Compute(Model, Settings.Statement);
        int[] candidates;
        Action apply;
        (SampleSource, SampleSet)? added = null;
        (int, Production)? mill = null;
        switch (observation)
        {
            case NewSamples s:
            {
                SampleSet inside = Validate(s, rejected);
                bool drilling = s.Source == SampleSource.Drilling;
                SampleSet newDrilling = drilling ? SampleSet.Concat([Drilling, inside]) : Drilling;
                SampleSet newAll = SampleSet.Concat([GradeControlSamples, inside]);
                Point3[] changed = inside.Locations.ToArray();
                BlockSelection reached = IncrementalEstimation.BlocksReachedBy(Model, Settings.Plan, changed);

                // New drilling changes the resource model and so the classes, as far as the smoothing reaches.
                BlockSelection? reclassified = drilling && Settings.ClassRules is not null ? Classification.Reach(reached, Settings.ClassSmoothing) : null;
                candidates = (reclassified ?? reached).ToArray();
                added = (s.Source, inside);
                apply = () =>
                {
                    if (drilling)
                    {
                        Estimate(Model, newDrilling, Settings, Settings.ResourceModel, reached);
                        Classify(Model, Settings, reclassified);
                    }

                    Estimate(Model, newAll, Settings, Settings.GradeControlModel, reached);
                    (Drilling, GradeControlSamples) = (newDrilling, newAll);
                };
                break;
            }

            case Depletion d:
            {
                if (d.Period < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(observation), d.Period, "Production periods start at 1.");
                }

                IntegerAttribute mined = Model.GetInteger("mined");
                if (d.Blocks.Any(r => r < 0 || r >= Model.Count))
                {
                    throw new ArgumentException($"Block row {d.Blocks.First(r => r < 0 || r >= Model.Count)} is outside 0 … {Model.Count - 1}.", nameof(observation));
                }

                candidates = d.Blocks.Distinct().Where(r =>
                {
                    bool fresh = mined[r] == IntegerAttribute.Missing;
                    if (!fresh)
                    {
                        rejected.Add($"block row {r} was already mined in period {mined[r]}");
                    }

                    return fresh;
                }).ToArray();
                apply = () =>
                {
                    foreach (int r in candidates)
                    {
                        mined[r] = d.Period;
                    }
                };
                break;
            }

            case Replan plan:
            {
                candidates = Enumerable.Range(0, Model.Count).ToArray();
                apply = () =>
                {
                    plan.Economics.Apply(Model, Settings.Tonnes);
                    IntegerAttribute minedBlocks = Model.GetInteger("mined");
                    // What is mined is air now.
                    Pit = Planning.UltimatePit.SolveModel(Model, "value", plan.Pattern, "pit", 0.01, row => minedBlocks[row] != IntegerAttribute.Missing);
                    if (plan.Schedule is { } schedule)
                    {
                        Schedule = PlanSchedule(plan, schedule, minedBlocks);
                    }
                };
                break;
            }

            case MillProduction m:
            {
                if (m.Period < 1 || !(m.Tonnes >= 0) || !(m.Grade >= 0) || !double.IsFinite(m.Tonnes) || !double.IsFinite(m.Grade))
                {
                    throw new ArgumentOutOfRangeException(nameof(observation), "A mill report needs a period ≥ 1 and finite tonnes and grade ≥ 0.");
                }

                if (_mill.ContainsKey(m.Period))
                {
                    throw new ArgumentException($"Period {m.Period} already has a mill report.", nameof(observation));
                }

                candidates = [];
                mill = (m.Period, new Production(m.Tonnes, m.Grade));
                apply = () => _mill[m.Period] = new Production(m.Tonnes, m.Grade);
                break;
            }

            default:
                throw new ArgumentException($"The twin does not know observations of type {observation.GetType().Name}.", nameof(observation));
        }

        // Apply in memory, remembering what the rows held; commit; undo everything if the commit fails.
        var before = Snapshot(candidates);
        (SampleSet drillingBefore, SampleSet allBefore) = (Drilling, GradeControlSamples);
        try
        {
            apply();
            // A row changed when any attribute changed, or when an attribute is new (a re-plan adds its own).
            var position = new Dictionary<int, int>(candidates.Length);
            for (int i = 0; i < candidates.Length; i++)
            {
                position[candidates[i]] = i;
            }

            int[] changedRows = candidates.Where(r => Model.Attributes.Any(a =>
                !before.TryGetValue(a.Name, out double[]? old) || !a.GetDouble(r).Equals(old[position[r]]))).ToArray();
            ResourceStatement statementAfter = ResourceStatement.Compute(Model, Settings.Statement);
            (double t, double metal) = Ore(statementAfter, Settings);
            var version = new TwinVersion(Current.Id + 1, observation.Timestamp, observation.Description, changedRows.Length, t, metal);
            _store?.Commit(version, Model, changedRows, added is { } a ? [a] : [], mill);
            _versions.Add(version);
            return new TwinUpdate(version, rejected, t - tonnesBefore, metal - metalBefore, statementBefore, statementAfter);
        }
        catch
        {
            Restore(candidates, before);
            (Drilling, GradeControlSamples) = (drillingBefore, allBefore);
            if (mill is { } m)
            {
                _mill.Remove(m.Item1);
            }

            throw;
        }
    }

    /// <summary>Nested pits, pushbacks and a bench-phase schedule of the unmined blocks (mined ones are air), the period of each block written to "period".</summary>
    private Planning.ProductionSchedule PlanSchedule(Replan plan, ReplanSchedule schedule, IntegerAttribute mined)
    {
        if (!(schedule.MinimumPushbackShare > 0 && schedule.MinimumPushbackShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(plan), schedule.MinimumPushbackShare, "The smallest pushback's share of the pit must lie in (0, 1].");
        }

        var economics = Planning.PitEconomics.FromBlockModel(Model, plan.Economics, Settings.Tonnes);
        for (int row = 0; row < Model.Count; row++)
        {
            if (mined[row] != IntegerAttribute.Missing)
            {
                int b = Model.BlockOf(row);
                economics.Tonnes[b] = economics.Revenue[b] = economics.ProcessingCost[b] = economics.MiningCost[b] = 0;
                economics.Metal![b] = 0;
            }
        }

        GridDefinition grid = Model.Grid;
        var precedence = Planning.Precedence.Grid(grid.CountX, grid.CountY, grid.CountZ, plan.Pattern);
        var pits = Planning.NestedPits.Compute(economics, precedence, schedule.RevenueFactors);
        var phases = Planning.Pushbacks.Choose(pits, economics, schedule.MinimumPushbackShare * pits.Pits[^1].Tonnes);
        var result = Planning.ProductionSchedule.BenchPhase(economics, phases, grid.CountX * grid.CountY, schedule.Options);
        IntegerAttribute period = Model.Contains("period") ? Model.GetInteger("period") : Model.AddInteger("period", description: "period of the latest schedule (1 = first)");
        for (int row = 0; row < Model.Count; row++)
        {
            int p = result.PeriodOfBlock[Model.BlockOf(row)];
            period[row] = p >= 0 && mined[row] == IntegerAttribute.Missing ? p + 1 : IntegerAttribute.Missing; // air is "mined" at no cost, not scheduled
        }

        return result;
    }

    /// <summary>Estimates the blocks given, domain by domain from the domain's own samples when the settings name a domain attribute.</summary>
    private static void Estimate(BlockModel model, SampleSet samples, TwinSettings settings, string output, BlockSelection blocks)
    {
        if (settings.DomainAttribute is not { } attribute)
        {
            BlockEstimator.Estimate(model, samples, settings.Variable, settings.Plan, output, blocks);
            return;
        }

        IntegerAttribute domains = model.GetInteger(attribute);
        foreach (IGrouping<int, int> domain in blocks.ToArray().Where(r => domains[r] != IntegerAttribute.Missing).GroupBy(r => domains[r]))
        {
            BlockEstimator.Estimate(model, samples.InDomain(domain.Key), settings.Variable, settings.Plan, output, BlockSelection.Rows(model, domain.ToArray()));
        }
    }

    /// <summary>Classifies the resource model (all blocks, or those given) when the settings have rules.</summary>
    private static void Classify(BlockModel model, TwinSettings settings, BlockSelection? blocks)
    {
        if (settings.ClassRules is { } rules)
        {
            Classification.Classify(model, settings.ResourceModel, rules, settings.ClassSmoothing, "class", blocks);
        }
    }

    /// <summary>Model against grade control against the mill, for every period with depletion.</summary>
    public ReconciliationTable Reconcile()
    {
        IntegerAttribute mined = Model.GetInteger("mined");
        DoubleAttribute ltm = Model.GetDouble(Settings.ResourceModel), gc = Model.GetDouble(Settings.GradeControlModel), t = Model.GetDouble(Settings.Tonnes);
        var periods = new List<ReconciliationPeriod>();
        foreach (int period in mined.Values.ToArray().Where(p => p != IntegerAttribute.Missing).Distinct().Order())
        {
            ExactSum mt = new(), mm = new(), gt = new(), gm = new();
            for (int row = 0; row < Model.Count; row++)
            {
                if (mined[row] != period)
                {
                    continue;
                }

                if (ltm[row] >= Settings.CutOff)
                {
                    mt.Add(t[row]);
                    mm.Add(t[row] * ltm[row]);
                }

                if (gc[row] >= Settings.CutOff)
                {
                    gt.Add(t[row]);
                    gm.Add(t[row] * gc[row]);
                }
            }

            Production mill = _mill.TryGetValue(period, out Production p) ? p : new Production(double.NaN, double.NaN);
            periods.Add(new ReconciliationPeriod(period, new Production(mt.Value, mm.Value / mt.Value), new Production(gt.Value, gm.Value / gt.Value), mill));
        }

        return new ReconciliationTable(periods);
    }

    /// <summary>The resource statement as of an earlier version (from the store).</summary>
    public ResourceStatement StatementAsOf(int version, ResourceStatementOptions? options = null) =>
        ResourceStatement.Compute(ModelAsOf(version), options ?? Settings.Statement);

    /// <summary>Block grades become samples at the block centres; rows outside the model are left out and listed.</summary>
    private NewSamples AsSamples(BlockGrades g, List<string> rejected)
    {
        var kept = new List<(Point3 At, double Grade, int Id)>();
        for (int i = 0; i < g.Readings.Count; i++)
        {
            (int row, double grade) = g.Readings[i];
            if (row < 0 || row >= Model.Count || !double.IsFinite(grade) || grade < 0)
            {
                rejected.Add($"reading {i} (block row {row}, grade {grade}) is not a block of the model with a grade ≥ 0");
                continue;
            }

            kept.Add((Model.Centroid(row), grade, g.FirstId + i));
        }

        return new NewSamples(g.Timestamp, g.Description, SampleSource.Sensors,
            SampleSet.Of(kept.Select(k => k.At).ToArray(), Settings.Variable, kept.Select(k => k.Grade).ToArray(), kept.Select(k => k.Id).ToArray()));
    }

    /// <summary>The block model as of an earlier version (from the store).</summary>
    /// <exception cref="InvalidOperationException">The twin has no store.</exception>
    public BlockModel ModelAsOf(int version) =>
        (_store ?? throw new InvalidOperationException("Only a twin with a store keeps its earlier versions' block values.")).Load(version).Model;

    private SampleSet Validate(NewSamples s, List<string> rejected)
    {
        double[] values = s.Samples.Values(Settings.Variable).ToArray();
        var holes = new HashSet<int>(GradeControlSamples.HoleIds.ToArray());
        if (s.Samples.HoleIds.ToArray().Distinct().FirstOrDefault(holes.Contains, int.MinValue) is int clash and not int.MinValue)
        {
            throw new ArgumentException($"Hole id {clash} is already used by the twin's samples: new holes need new ids.", nameof(s));
        }

        BoundingBox extent = Model.Grid.Extent;
        var keep = new List<int>();
        for (int i = 0; i < s.Samples.Count; i++)
        {
            if (extent.Contains(s.Samples.Locations[i]))
            {
                keep.Add(i);
            }
            else
            {
                rejected.Add($"sample {i} at {s.Samples.Locations[i]} is outside the block model");
            }
        }

        return SampleSet.Of(keep.Select(i => s.Samples.Locations[i]).ToArray(), Settings.Variable, keep.Select(i => values[i]).ToArray(),
            keep.Select(i => s.Samples.HoleIds[i]).ToArray()).WithDomains(keep.Select(i => s.Samples.Domains[i]).ToArray());
    }

    /// <summary>Unmined ore by the grade-control model (the statement's total): tonnes and metal (tonnes × grade).</summary>
    private static (double Tonnes, double Metal) Ore(ResourceStatement statement, TwinSettings settings)
    {
        ResourceLine total = statement.Total(settings.CutOff);
        return (total.Tonnes, total.Metal[0]);
    }

    private Dictionary<string, double[]> Snapshot(int[] rows) =>
        Model.Attributes.ToDictionary(a => a.Name, a => rows.Select(a.GetDouble).ToArray());

    private void Restore(int[] rows, Dictionary<string, double[]> before)
    {
        foreach (string added in Model.Attributes.Select(a => a.Name).Where(n => !before.ContainsKey(n)).ToList())
        {
            Model.Remove(added);
        }

        foreach (BlockAttribute a in Model.Attributes)
        {
            double[] old = before[a.Name];
            for (int i = 0; i < rows.Length; i++)
            {
                switch (a)
                {
                    case DoubleAttribute d: d[rows[i]] = old[i]; break;
                    case IntegerAttribute n: n[rows[i]] = double.IsNaN(old[i]) ? IntegerAttribute.Missing : (int)old[i]; break;
                }
            }
        }
    }
}
