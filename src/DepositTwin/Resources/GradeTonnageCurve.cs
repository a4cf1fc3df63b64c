using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.IO;

namespace DepositTwin.Resources;

/// <summary>Tonnes, mean grade and metal above one cut-off.</summary>
/// <param name="CutOff">The cut-off grade.</param>
/// <param name="Tonnes">Tonnes at or above the cut-off.</param>
/// <param name="MeanGrade">Tonnage-weighted mean grade of those tonnes (NaN when there are none).</param>
/// <param name="Metal">Contained metal: Σ tonnes × grade × the metal factor.</param>
public readonly record struct GradeTonnagePoint(double CutOff, double Tonnes, double MeanGrade, double Metal);

/// <summary>
/// A grade–tonnage curve: tonnes, mean grade and metal above each cut-off, for all blocks or a selection
/// (a domain, a class). Sums are exact (order-independent), so curves reproduce bit for bit.
/// </summary>
public sealed class GradeTonnageCurve
{
    private GradeTonnageCurve(string grade, IReadOnlyList<GradeTonnagePoint> points, int unknown)
    {
        Grade = grade;
        Points = points;
        Unknown = unknown;
    }

    /// <summary>The grade attribute.</summary>
    public string Grade { get; }

    /// <summary>One point per cut-off, in the order given.</summary>
    public IReadOnlyList<GradeTonnagePoint> Points { get; }

    /// <summary>Selected blocks left out for a missing grade or missing tonnes.</summary>
    public int Unknown { get; }

    /// <summary>Computes the curve.</summary>
    /// <param name="model">The block model.</param>
    /// <param name="grade">The grade attribute the cut-off applies to.</param>
    /// <param name="cutOffs">Cut-off grades.</param>
    /// <param name="tonnes">The tonnes attribute (see <see cref="DensityModel.WriteTonnes"/>).</param>
    /// <param name="selection">Blocks to include; null for all.</param>
    /// <param name="conditions">Further conditions every ore block must meet (e.g. an A/S ratio).</param>
    /// <param name="metalFactor">Metal per tonne per unit of grade: 0.01 for %, 1 for g/t (grams), 1e−6 for ppm (tonnes).</param>
    public static GradeTonnageCurve Compute(BlockModel model, string grade, IReadOnlyList<double> cutOffs, string tonnes = "tonnes",
        BlockSelection? selection = null, IReadOnlyList<OreCondition>? conditions = null, double metalFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cutOffs);
        DoubleAttribute g = model.GetDouble(grade), t = model.GetDouble(tonnes);
        Func<int, bool>[] tests = (conditions ?? []).Select(c => c.Bind(model)).ToArray();
        var blocks = new List<(double Grade, double Tonnes)>();
        int unknown = 0;
        foreach (int row in selection ?? model.All)
        {
            if (double.IsNaN(g[row]) || double.IsNaN(t[row]))
            {
                unknown++;
            }
            else if (tests.All(test => test(row)))
            {
                blocks.Add((g[row], t[row]));
            }
        }

        // Highest grade first: the totals above each cut-off grow as the sweep goes down.
        blocks.Sort((a, b) => b.Grade.CompareTo(a.Grade));
        int[] order = Enumerable.Range(0, cutOffs.Count).OrderByDescending(i => cutOffs[i]).ToArray();
        var points = new GradeTonnagePoint[cutOffs.Count];
        var sumTonnes = new ExactSum();
        var sumMetal = new ExactSum();
        int next = 0;
        foreach (int i in order)
        {
            while (next < blocks.Count && blocks[next].Grade >= cutOffs[i])
            {
                sumTonnes.Add(blocks[next].Tonnes);
                sumMetal.Add(blocks[next].Tonnes * blocks[next].Grade);
                next++;
            }

            double tonnage = sumTonnes.Value, gradeTonnes = sumMetal.Value;
            points[i] = new GradeTonnagePoint(cutOffs[i], tonnage, tonnage > 0 ? gradeTonnes / tonnage : double.NaN, gradeTonnes * metalFactor);
        }

        return new GradeTonnageCurve(grade, points, unknown);
    }

    /// <summary>One curve per domain code.</summary>
    public static IReadOnlyDictionary<int, GradeTonnageCurve> ByDomain(BlockModel model, string grade, IReadOnlyList<double> cutOffs, string domain,
        string tonnes = "tonnes", IReadOnlyList<OreCondition>? conditions = null, double metalFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        IntegerAttribute codes = model.GetInteger(domain);
        var result = new SortedDictionary<int, GradeTonnageCurve>();
        foreach (int code in codes.Values.ToArray().Distinct().Order())
        {
            result[code] = Compute(model, grade, cutOffs, tonnes, model.WhereCode(domain, code), conditions, metalFactor);
        }

        return result;
    }

    /// <summary>Writes cut-off, tonnes, mean grade and metal, one row per cut-off (all or nothing).</summary>
    public void WriteCsv(string path) => AtomicFile.WriteText(path, w =>
    {
        w.WriteLine($"cutoff,tonnes,{Grade},metal");
        foreach (GradeTonnagePoint p in Points)
        {
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.CutOff:R},{p.Tonnes:R},{(double.IsNaN(p.MeanGrade) ? "" : p.MeanGrade.ToString("R", CultureInfo.InvariantCulture))},{p.Metal:R}"));
        }
    });

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| cut-off | tonnes | {Grade} | metal |").AppendLine("|---:|---:|---:|---:|");
        foreach (GradeTonnagePoint p in Points)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {p.CutOff:G4} | {p.Tonnes:N0} | {p.MeanGrade:0.000} | {p.Metal:N0} |");
        }

        return text.ToString();
    }
}
