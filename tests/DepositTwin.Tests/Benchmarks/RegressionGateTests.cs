using System.Text.Json.Nodes;
using DepositTwin.Benchmarks;

namespace DepositTwin.Tests.Benchmarks;

/// <summary>The benchmark-regression gate on BenchmarkDotNet-shaped reports: ratios within a run, against the committed baseline.</summary>
public class RegressionGateTests
{
    /// <summary>A full JSON report of one benchmark class: the fields the gate reads.</summary>
    private static void Report(string path, string type, params (string Method, string Parameters, double Mean)[] benchmarks) =>
        File.WriteAllText(path, new JsonObject
        {
            ["Benchmarks"] = new JsonArray(benchmarks.Select(b => (JsonNode)new JsonObject
            {
                ["Type"] = type,
                ["Method"] = b.Method,
                ["Parameters"] = b.Parameters,
                ["Statistics"] = new JsonObject { ["Mean"] = b.Mean },
            }).ToArray()),
        }.ToJsonString());

    private static string[] Reports(TempFolder folder, double autoMean, double tilesMean)
    {
        string kernels = folder.File("kernels.json"), search = folder.File("search.json");
        Report(kernels, "KernelBenchmarks", ("Scalar", "N=16", 100), ("Auto", "N=16", autoMean));
        Report(search, "NeighbourSearchBenchmarks", ("Nearest", "Neighbours=16", 1000), ("NearestByTiles", "Neighbours=16", tilesMean), ("Limited", "Neighbours=16", 9000));
        return [kernels, search];
    }

    [Fact]
    public void Tracked_ratios_are_each_method_against_its_baseline_method_of_the_same_parameters()
    {
        using var folder = new TempFolder();
        Dictionary<string, double> ratios = Regression.Ratios(Regression.Means(Reports(folder, 40, 150)));
        Assert.Equal(2, ratios.Count); // Limited has no pair: not tracked
        Assert.Equal(0.4, ratios["KernelBenchmarks.Auto(N=16)"], 1e-12);
        Assert.Equal(0.15, ratios["NeighbourSearchBenchmarks.NearestByTiles(Neighbours=16)"], 1e-12);
    }

    [Fact]
    public void The_gate_passes_within_the_threshold_and_fails_beyond_it_or_when_a_ratio_is_not_measured()
    {
        using var folder = new TempFolder();
        string baseline = folder.File("baseline.json");
        Assert.Equal(0, Regression.WriteBaseline(Reports(folder, 40, 150), baseline, 0.5));
        Assert.Equal(0, Regression.Compare(Reports(folder, 59, 224), baseline)); // within 1.5 × the baseline ratios
        Assert.Equal(1, Regression.Compare(Reports(folder, 61, 150), baseline)); // the kernel ratio 0.61 > 0.4 × 1.5
        Assert.Equal(1, Regression.Compare(Reports(folder, 40, 226), baseline)); // the search ratio 0.226 > 0.15 × 1.5
        Assert.Equal(1, Regression.Compare([folder.File("kernels.json")], baseline)); // the search was not run
    }

    [Fact]
    public void A_missing_report_is_named()
    {
        using var folder = new TempFolder();
        var e = Assert.Throws<FileNotFoundException>(() => Regression.Means([folder.File("absent.json")]));
        Assert.Contains("absent.json", e.Message);
    }
}
