using System.Globalization;
using DepositTwin;
using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.IO;
using DepositTwin.Samples;

namespace DepositTwin.Cli;

/// <summary>Runs the estimation a run file describes: samples → block model → estimate → CSV, VTK and report.</summary>
public static class EstimateCommand
{
    /// <summary>Runs a run file.</summary>
    /// <param name="runFilePath">The JSON run file.</param>
    /// <param name="log">Where to write progress and the report.</param>
    /// <param name="cancellationToken">Stops the run; files already written stay whole (atomic writes).</param>
    /// <returns>The estimation report.</returns>
    public static EstimationReport Execute(string runFilePath, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        RunFile run = RunFile.Load(runFilePath);
        (SampleSet samples, SampleImportReport imported) = SampleCsv.Read(run.Resolve(run.Samples.File), run.ToColumns());
        log.WriteLine(imported);
        var model = new BlockModel(run.ToGrid());
        int lastTenth = -1;
        var progress = new Progress<WorkProgress>(p =>
        {
            int tenth = (int)(p.Fraction * 10);
            if (Interlocked.Exchange(ref lastTenth, Math.Max(lastTenth, tenth)) < tenth)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {p.Stage}: {tenth * 10} %"));
            }
        });
        EstimationReport report = BlockEstimator.Estimate(model, samples, run.Samples.Value, run.ToPlan(), run.Output.Name,
            progress: progress, cancellationToken: cancellationToken);
        log.Write(report);
        if (run.Output.Csv is { } csv)
        {
            BlockModelCsv.Write(model, run.Resolve(csv), cancellationToken: cancellationToken);
            log.WriteLine($"Wrote {run.Resolve(csv)}");
        }

        if (run.Output.Vtk is { } vtk)
        {
            VtkWriter.Write(model, run.Resolve(vtk), cancellationToken: cancellationToken);
            log.WriteLine($"Wrote {run.Resolve(vtk)}");
        }

        if (run.Output.Report is { } text)
        {
            AtomicFile.WriteText(run.Resolve(text), w =>
            {
                w.WriteLine($"Run file: {run.SourcePath}");
                w.WriteLine(imported);
                w.WriteLine($"Grid: {model.Grid}");
                w.Write(report);
            });
            log.WriteLine($"Wrote {run.Resolve(text)}");
        }

        return report;
    }
}
