using BenchmarkDotNet.Running;
using DepositTwin.Benchmarks;

// `dotnet run -c Release --project benchmarks/DepositTwin.Benchmarks -- --filter '*'` runs everything;
// `--job short`, `--exporters json`, `--inProcess` work as BenchmarkDotNet documents.
// `compare <report-full.json> <baseline.json>` gates regressions; `baseline <report-full.json> <baseline.json> [threshold]` refreshes it.
return args switch
{
    ["compare", var report, var baseline] => Regression.Compare(report, baseline),
    ["baseline", var report, var baseline] => Regression.WriteBaseline(report, baseline, 0.5),
    ["baseline", var report, var baseline, var threshold] => Regression.WriteBaseline(report, baseline, double.Parse(threshold, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Regression).Assembly).Run(args);
    return 0;
}
