using BenchmarkDotNet.Running;
using DepositTwin.Benchmarks;

// `dotnet run -c Release --project benchmarks/DepositTwin.Benchmarks -- --filter '*'` runs everything;
// `--job short`, `--exporters json`, `--inProcess` work as BenchmarkDotNet documents.
// `compare <report-full.json>... <baseline.json>` gates regressions; `baseline <report-full.json>... <baseline.json> [threshold]`
// refreshes it (one report per benchmark class).
try
{
    return args switch
    {
        ["compare", .. var files] when files.Length >= 2 => Regression.Compare(files[..^1], files[^1]),
        ["baseline", .. var files, var last] when double.TryParse(last, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double threshold) && files.Length >= 2 =>
            Regression.WriteBaseline(files[..^1], files[^1], threshold),
        ["baseline", .. var files] when files.Length >= 2 => Regression.WriteBaseline(files[..^1], files[^1], 0.5),
        _ => Run(args),
    };
}
catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidDataException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Regression).Assembly).Run(args);
    return 0;
}
