using BenchmarkDotNet.Running;

// `dotnet run -c Release --project benchmarks/DepositTwin.Benchmarks -- --filter '*'` runs everything;
// `--job short`, `--exporters json`, `--inProcess` work as BenchmarkDotNet documents.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
