using SampleDrivers;
using YunnanCopper;

namespace DepositTwin.Tests.SampleDrivers;

public class YunnanCopperSampleTests
{
    [Fact]
    public void The_sample_runs_end_to_end_at_a_small_size_and_writes_its_report()
    {
        using var folder = new TempFolder();
        SampleSummary summary = YunnanCopperSample.Run(new SampleOptions(folder.Path, SampleSize.Small), new SampleConsole(null));

        Assert.True(summary.Succeeded, string.Join("\n", summary.Comparison));
        Assert.True(summary.Pit.BlockCount > 0 && summary.Pit.Value > 0);
        Assert.True(summary.Statement.Total(0.3).Tonnes > 0);
        Assert.Contains(summary.Comparison, c => c.Class == "all" && c.CutOff == 0.3);
        foreach (string name in new[] { "report.md", "validation_report.txt", "composites.csv", "resource_statement.csv", "estimate_vs_truth.md",
                     "histogram_cu.png", "variogram_cu.png", "grade_tonnage.png", "plan_cu.png", "section_cu_pit.png", "pit_by_pit.png", "schedule.png",
                     "yunnan_copper_model.vtk", "drilling/collar.csv" })
        {
            Assert.Contains(summary.Files, f => f.EndsWith(name, StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(folder.Path, name)), name);
        }

        // The report links every plot it shows, and the validation report lists only the injected anomalies.
        string report = File.ReadAllText(folder.File("report.md"));
        foreach (string png in Directory.GetFiles(folder.Path, "*.png").Select(f => Path.GetFileName(f)))
        {
            Assert.Contains($"({png})", report, StringComparison.Ordinal);
        }

        string validation = File.ReadAllText(folder.File("validation_report.txt"));
        Assert.Contains("DuplicateSurvey: 1", validation, StringComparison.Ordinal);
        Assert.Contains("BelowDetection: 1", validation, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }
}
