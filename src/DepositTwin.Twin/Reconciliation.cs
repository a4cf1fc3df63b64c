using System.Globalization;
using System.Text;

namespace DepositTwin.Twin;

/// <summary>Tonnes, grade and metal of one source for one period.</summary>
/// <param name="Tonnes">Tonnes.</param>
/// <param name="Grade">Tonnage-weighted grade.</param>
public readonly record struct Production(double Tonnes, double Grade)
{
    /// <summary>Contained metal in grade units × tonnes.</summary>
    public double Metal => Tonnes * Grade;
}

/// <summary>One period of reconciliation with its factors (ratios of tonnes, grade and metal).</summary>
/// <param name="Period">The period.</param>
/// <param name="Model">What the long-term resource model predicted for the blocks mined.</param>
/// <param name="GradeControl">What the grade-control model (with blast holes and sensors) predicted for them.</param>
/// <param name="Mill">What the mill reported (NaN when not yet reported).</param>
public sealed record ReconciliationPeriod(int Period, Production Model, Production GradeControl, Production Mill)
{
    /// <summary>F1 = grade control / model: (tonnes, grade, metal).</summary>
    public (double Tonnes, double Grade, double Metal) F1 => Ratio(GradeControl, Model);

    /// <summary>F2 = mill / grade control.</summary>
    public (double Tonnes, double Grade, double Metal) F2 => Ratio(Mill, GradeControl);

    /// <summary>F3 = F1 × F2 = mill / model.</summary>
    public (double Tonnes, double Grade, double Metal) F3 => Ratio(Mill, Model);

    private static (double, double, double) Ratio(Production a, Production b) => (a.Tonnes / b.Tonnes, a.Grade / b.Grade, a.Metal / b.Metal);
}

/// <summary>The reconciliation table: model against grade control against the mill, period by period.</summary>
public sealed class ReconciliationTable(IReadOnlyList<ReconciliationPeriod> periods)
{
    /// <summary>The periods, in order.</summary>
    public IReadOnlyList<ReconciliationPeriod> Periods { get; } = periods;

    /// <summary>The table as Markdown.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("| period | model t | model grade | GC t | GC grade | mill t | mill grade | F1 t | F1 grade | F1 metal | F2 t | F2 grade | F2 metal | F3 metal |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (ReconciliationPeriod p in Periods)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Period} | {p.Model.Tonnes:N0} | {p.Model.Grade:0.000} | {p.GradeControl.Tonnes:N0} | {p.GradeControl.Grade:0.000} | {p.Mill.Tonnes:N0} | {p.Mill.Grade:0.000} | {p.F1.Tonnes:0.000} | {p.F1.Grade:0.000} | {p.F1.Metal:0.000} | {p.F2.Tonnes:0.000} | {p.F2.Grade:0.000} | {p.F2.Metal:0.000} | {p.F3.Metal:0.000} |");
        }

        return text.ToString();
    }
}
