using System.Diagnostics;
using DepositTwin;
using Spectre.Console;

namespace SampleDrivers;

/// <summary>How the sample talks: timed steps, Spectre progress bars on long work, quiet in tests.</summary>
public sealed class SampleConsole(IAnsiConsole? console)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Prints a finished step with the time since the start.</summary>
    public void Step(string text) => console?.MarkupLine($"[grey][[{_clock.Elapsed.TotalSeconds,5:0.0} s]][/] {Markup.Escape(text)}");

    /// <summary>Prints plain text (tables, reports) as it is: Spectre would wrap Markdown tables at the console width.</summary>
    public void Text(string text)
    {
        if (console is not null)
        {
            Console.Out.WriteLine(text);
        }
    }

    /// <summary>Runs work that reports <see cref="WorkProgress"/> behind a progress bar.</summary>
    public T Progress<T>(string description, Func<IProgress<WorkProgress>?, T> work)
    {
        if (console is null || !console.Profile.Capabilities.Interactive)
        {
            return work(null); // bars only where a person watches a terminal
        }

        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: 1);
                result = work(new Progress<WorkProgress>(p => task.Value = p.Fraction));
                task.Value = 1;
            });
        return result;
    }
}
