using DepositTwin.Cli;
using DepositTwin.IO;

// deposittwin estimate <run.json>: see the README's "Run files" section.
if (args is not ["estimate", var runFile])
{
    Console.Error.WriteLine("Usage: deposittwin estimate <run.json>\n  Runs the block-model estimation the JSON run file describes (see the README).");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
try
{
    EstimateCommand.Execute(runFile, Console.Out, cancel.Token);
    return 0;
}
catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or OperationCanceledException)
{
    Console.Error.WriteLine($"deposittwin: {e.Message}");
    return 1;
}
