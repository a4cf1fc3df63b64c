using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.IO;

namespace DepositTwin.Resources;

/// <summary>What a resource statement reports and how it is broken down.</summary>
public sealed record ResourceStatementOptions
{
    /// <summary>Grade attributes reported; the first is the cut-off grade unless <see cref="CutOffAttribute"/> is set.</summary>
    public required IReadOnlyList<string> Grades { get; init; }

    /// <summary>Cut-offs, in the units of the cut-off attribute.</summary>
    public required IReadOnlyList<double> CutOffs { get; init; }

    /// <summary>The attribute cut-offs apply to (e.g. "nsr" for a $/t cut-off); null for the first grade.</summary>
    public string? CutOffAttribute { get; init; }

    /// <summary>Metal per tonne per unit of each grade (0.01 for %, 1 for g/t); 1 for all when empty.</summary>
    public IReadOnlyList<double> MetalFactors { get; init; } = [];

    /// <summary>Further conditions of ore (e.g. an A/S ratio).</summary>
    public IReadOnlyList<OreCondition> Conditions { get; init; } = [];

    /// <summary>The tonnes attribute.</summary>
    public string Tonnes { get; init; } = "tonnes";

    /// <summary>The class attribute (<see cref="ResourceClass"/> codes); null for no breakdown by class. Unclassified blocks are left out and counted.</summary>
    public string? Class { get; init; } = "class";

    /// <summary>The domain attribute; null for no breakdown by domain.</summary>
    public string? Domain { get; init; }

    /// <summary>Break down by bench (the grid's k) too.</summary>
    public bool ByBench { get; init; }
}

/// <summary>One line of a resource statement; null keys are totals over that key.</summary>
/// <param name="CutOff">The cut-off.</param>
/// <param name="Class">The class, or null for all classes together.</param>
/// <param name="Domain">The domain code, or null for all domains.</param>
/// <param name="Bench">The bench (k), or null for all benches.</param>
/// <param name="Tonnes">Tonnes.</param>
/// <param name="Grades">Tonnage-weighted mean of each grade (options order).</param>
/// <param name="Metal">Contained metal of each grade (tonnes × grade × metal factor).</param>
public sealed record ResourceLine(double CutOff, ResourceClass? Class, int? Domain, int? Bench, double Tonnes, IReadOnlyList<double> Grades, IReadOnlyList<double> Metal);

/// <summary>
/// A resource statement: tonnes, grades and metal by cut-off × class × domain (× bench), with totals per
/// cut-off and class; the sums are exact, so a statement reproduces bit for bit whatever the block order or
/// thread count. Blocks with missing tonnes or cut-off value, or unclassified, are left out and counted.
/// </summary>
public sealed class ResourceStatement
{
    private ResourceStatement(ResourceStatementOptions options, IReadOnlyList<ResourceLine> lines, int unknown, int unclassified)
    {
        Options = options;
        Lines = lines;
        Unknown = unknown;
        Unclassified = unclassified;
    }

    /// <summary>What was reported.</summary>
    public ResourceStatementOptions Options { get; }

    /// <summary>The lines: per cut-off, the detailed lines, then the totals per class, then the total of all classes.</summary>
    public IReadOnlyList<ResourceLine> Lines { get; }

    /// <summary>Blocks left out for missing tonnes or a missing cut-off value.</summary>
    public int Unknown { get; }

    /// <summary>Estimated blocks left out for being unclassified (or without a class).</summary>
    public int Unclassified { get; }

    /// <summary>The total of all classes (and domains and benches) at a cut-off.</summary>
    public ResourceLine Total(double cutOff) => Lines.First(l => l.CutOff == cutOff && l.Class is null && l.Domain is null && l.Bench is null);

    /// <summary>Builds the statement.</summary>
    public static ResourceStatement Compute(BlockModel model, ResourceStatementOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Grades.Count == 0 || options.CutOffs.Count == 0)
        {
            throw new ArgumentException("A statement needs at least one grade and one cut-off.", nameof(options));
        }

        if (options.MetalFactors.Count != 0 && options.MetalFactors.Count != options.Grades.Count)
        {
            throw new ArgumentException($"{options.MetalFactors.Count} metal factors for {options.Grades.Count} grades.", nameof(options));
        }

        DoubleAttribute[] grades = options.Grades.Select(model.GetDouble).ToArray();
        BlockAttribute cut = model[options.CutOffAttribute ?? options.Grades[0]];
        DoubleAttribute tonnes = model.GetDouble(options.Tonnes);
        IntegerAttribute? classes = options.Class is null ? null : model.GetInteger(options.Class);
        IntegerAttribute? domains = options.Domain is null ? null : model.GetInteger(options.Domain);
        Func<int, bool>[] tests = options.Conditions.Select(c => c.Bind(model)).ToArray();
        double[] factors = options.MetalFactors.Count == 0 ? Enumerable.Repeat(1.0, grades.Length).ToArray() : [.. options.MetalFactors];

        var groups = new Dictionary<(int CutOff, int Class, int Domain, int Bench), Sums>();
        Sums Group((int, int, int, int) key) => groups.TryGetValue(key, out Sums? s) ? s : groups[key] = new Sums(grades.Length);
        const int All = int.MaxValue;
        int unknown = 0, unclassified = 0;
        for (int row = 0; row < model.Count; row++)
        {
            double value = cut.GetDouble(row), t = tonnes[row];
            if (double.IsNaN(value) || double.IsNaN(t))
            {
                unknown++;
                continue;
            }

            int cls = classes is null ? All : classes[row];
            if (classes is not null && cls is < (int)ResourceClass.Measured or > (int)ResourceClass.Inferred)
            {
                unclassified++;
                continue;
            }

            if (!tests.All(test => test(row)))
            {
                continue;
            }

            int domain = domains is null ? All : domains[row];
            int bench = options.ByBench ? model.IndexOf(row).K : All;
            for (int c = 0; c < options.CutOffs.Count; c++)
            {
                if (value >= options.CutOffs[c])
                {
                    // The detailed line and the totals it belongs to.
                    Group((c, cls, domain, bench)).Add(t, grades, row);
                    if (domains is not null || options.ByBench)
                    {
                        Group((c, cls, All, All)).Add(t, grades, row);
                    }

                    if (classes is not null)
                    {
                        Group((c, All, All, All)).Add(t, grades, row);
                    }
                }
            }
        }

        var lines = new List<ResourceLine>();
        for (int c = 0; c < options.CutOffs.Count; c++)
        {
            foreach (var key in groups.Keys.Where(k => k.CutOff == c)
                .OrderBy(k => k.Class).ThenBy(k => k.Domain).ThenBy(k => k.Bench))
            {
                lines.Add(groups[key].Line(options.CutOffs[c], key.Class == All ? null : (ResourceClass)key.Class,
                    key.Domain == All ? null : key.Domain, key.Bench == All ? null : key.Bench, factors));
            }

            if (!groups.Keys.Any(k => k.CutOff == c && k.Class == All && k.Domain == All && k.Bench == All))
            {
                lines.Add(new Sums(grades.Length).Line(options.CutOffs[c], null, null, null, factors));
            }
        }

        return new ResourceStatement(options, lines, unknown, unclassified);
    }

    /// <summary>The statement as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        bool domains = Options.Domain is not null;
        text.Append("| cut-off | class |").Append(domains ? " domain |" : "").Append(Options.ByBench ? " bench |" : "").Append(" tonnes |");
        foreach (string g in Options.Grades)
        {
            text.Append(inv, $" {g} | {g} metal |");
        }

        text.AppendLine().Append("|---:|---|").Append(domains ? "---|" : "").Append(Options.ByBench ? "---:|" : "").Append("---:|").AppendLine(string.Concat(Options.Grades.Select(_ => "---:|---:|")));
        foreach (ResourceLine l in Lines)
        {
            text.Append(inv, $"| {l.CutOff:G4} | {l.Class?.ToString() ?? "**total**"} |");
            if (domains)
            {
                text.Append(inv, $" {(l.Domain is { } d ? d.ToString(inv) : "all")} |");
            }

            if (Options.ByBench)
            {
                text.Append(inv, $" {(l.Bench is { } b ? b.ToString(inv) : "all")} |");
            }

            text.Append(inv, $" {l.Tonnes:N0} |");
            for (int g = 0; g < l.Grades.Count; g++)
            {
                text.Append(inv, $" {l.Grades[g]:0.000} | {l.Metal[g]:N0} |");
            }

            text.AppendLine();
        }

        if (Unknown + Unclassified > 0)
        {
            text.AppendLine().AppendLine(inv, $"Left out: {Unknown} blocks without tonnes or cut-off value, {Unclassified} unclassified blocks.");
        }

        return text.ToString();
    }

    /// <summary>Writes the statement as CSV (one row per line; blank keys are totals), all or nothing.</summary>
    public void WriteCsv(string path) => AtomicFile.WriteText(path, w =>
    {
        w.WriteLine("cutoff,class,domain,bench,tonnes," + string.Join(',', Options.Grades.SelectMany(g => new[] { g, g + "_metal" })));
        foreach (ResourceLine l in Lines)
        {
            var inv = CultureInfo.InvariantCulture;
            w.Write(string.Create(inv, $"{l.CutOff:R},{l.Class},{l.Domain},{l.Bench},{l.Tonnes:R}"));
            for (int g = 0; g < l.Grades.Count; g++)
            {
                w.Write(string.Create(inv, $",{(double.IsNaN(l.Grades[g]) ? "" : l.Grades[g].ToString("R", inv))},{l.Metal[g]:R}"));
            }

            w.WriteLine();
        }
    });

    /// <inheritdoc />
    public override string ToString() => ToMarkdown();

    private sealed class Sums(int grades)
    {
        private readonly ExactSum _tonnes = new();
        private readonly ExactSum[] _gradeTonnes = Enumerable.Range(0, grades).Select(_ => new ExactSum()).ToArray();

        public void Add(double tonnes, DoubleAttribute[] grades, int row)
        {
            _tonnes.Add(tonnes);
            for (int g = 0; g < grades.Length; g++)
            {
                // A missing secondary grade adds no metal: the mean grade is then over all tonnes (conservative).
                double grade = grades[g][row];
                _gradeTonnes[g].Add(double.IsNaN(grade) ? 0 : tonnes * grade);
            }
        }

        public ResourceLine Line(double cutOff, ResourceClass? cls, int? domain, int? bench, double[] factors)
        {
            double t = _tonnes.Value;
            double[] gt = _gradeTonnes.Select(s => s.Value).ToArray();
            return new ResourceLine(cutOff, cls, domain, bench, t, gt.Select(x => t > 0 ? x / t : double.NaN).ToArray(), gt.Select((x, g) => x * factors[g]).ToArray());
        }
    }
}
