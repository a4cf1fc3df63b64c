using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DepositTwin.Benchmarks;

/// <summary>
/// Benchmark-regression gate. Ratios measured within one run (a kernel path against the scalar baseline of
/// the same run; the tile search against the KD-tree's search one query at a time) are compared with committed
/// ratios; absolute times are never compared, because CI machines are shared and noisy.
/// </summary>
public static class Regression
{
    /// <summary>The tracked methods, each with the method of the same class and parameters it is timed against.</summary>
    private static readonly (string Tracked, string Baseline)[] Pairs = [("Auto", "Scalar"), ("NearestByTiles", "Nearest")];

    /// <summary>Mean time per (type, method, parameters) from BenchmarkDotNet full JSON reports (one per benchmark class).</summary>
    public static Dictionary<string, double> Means(IEnumerable<string> reportPaths)
    {
        var means = new Dictionary<string, double>();
        foreach (string reportPath in reportPaths)
        {
            if (!File.Exists(reportPath))
            {
                throw new FileNotFoundException($"Benchmark report {reportPath} does not exist: run the benchmark with --exporters json and --artifacts, and pass its results/*-report-full-compressed.json.", reportPath);
            }

            JsonNode report = JsonNode.Parse(File.ReadAllText(reportPath)) ?? throw new InvalidDataException($"{reportPath} is empty.");
            foreach (JsonNode? benchmark in report["Benchmarks"]!.AsArray())
            {
                string key = $"{benchmark!["Type"]}.{benchmark["Method"]}({benchmark["Parameters"]})";
                means[key] = benchmark["Statistics"]!["Mean"]!.GetValue<double>();
            }
        }

        return means;
    }

    /// <summary>Ratios tracked method / its baseline method (same type and parameters), for the <see cref="Pairs"/>.</summary>
    public static Dictionary<string, double> Ratios(Dictionary<string, double> means)
    {
        var ratios = new Dictionary<string, double>();
        foreach ((string key, double mean) in means)
        {
            foreach ((string method, string baselineMethod) in Pairs)
            {
                string marker = $".{method}(";
                if (key.Contains(marker, StringComparison.Ordinal) && means.TryGetValue(key.Replace(marker, $".{baselineMethod}(", StringComparison.Ordinal), out double baseline))
                {
                    ratios[key] = mean / baseline;
                }
            }
        }

        return ratios;
    }

    /// <summary>Writes the ratios of the reports as the new baseline.</summary>
    public static int WriteBaseline(IReadOnlyList<string> reportPaths, string baselinePath, double threshold)
    {
        Dictionary<string, double> ratios = Ratios(Means(reportPaths));
        var json = new JsonObject
        {
            ["description"] = "Time ratios within one run: Auto/Scalar of KernelBenchmarks (kriging) and DistanceKernelBenchmarks (inverse distance), NearestByTiles/Nearest of NeighbourSearchBenchmarks (the tile search against the KD-tree's, one query at a time); CI fails when a ratio grows beyond ratio * (1 + threshold).",
            ["threshold"] = threshold,
            ["ratios"] = new JsonObject(ratios.OrderBy(r => r.Key).Select(r => KeyValuePair.Create(r.Key, (JsonNode?)Math.Round(r.Value, 4)))),
        };
        File.WriteAllText(baselinePath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        Console.WriteLine($"Wrote {ratios.Count} ratios to {baselinePath}.");
        return 0;
    }

    /// <summary>Compares the reports with the baseline; returns 1 when any tracked ratio regressed beyond the threshold.</summary>
    public static int Compare(IReadOnlyList<string> reportPaths, string baselinePath)
    {
        JsonNode baseline = JsonNode.Parse(File.ReadAllText(baselinePath))!;
        double threshold = baseline["threshold"]!.GetValue<double>();
        Dictionary<string, double> measured = Ratios(Means(reportPaths));
        int failures = 0;
        foreach ((string key, JsonNode? value) in baseline["ratios"]!.AsObject())
        {
            double expected = value!.GetValue<double>();
            if (!measured.TryGetValue(key, out double actual))
            {
                Console.WriteLine($"MISSING  {key}: not measured in this run");
                failures++;
                continue;
            }

            bool regressed = actual > expected * (1 + threshold);
            failures += regressed ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(regressed ? "REGRESSED" : "ok"),-9} {key}: ratio {actual:0.000} (baseline {expected:0.000}, limit {expected * (1 + threshold):0.000})"));
        }

        Console.WriteLine(failures == 0 ? "Benchmark ratios within limits." : $"{failures} benchmark ratio(s) regressed or not measured.");
        return failures == 0 ? 0 : 1;
    }
}
