using SampleDrivers;
using System.Globalization;
using Spectre.Console;
using YunnanCopper;

// The Yunnan porphyry copper sample, end to end on a built-in deposit with a known truth:
//   dotnet run -c Release --project samples/YunnanCopper [-- --out DIR] [--size small|default|large]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = 240; // redirected output (CI, files): no wrapping at 80 columns
}

string output = Path.Combine("output", "YunnanCopper");
SampleSize size = SampleSize.Default;
for (int a = 0; a < args.Length; a++)
{
    switch (args[a])
    {
        case "--out" when a + 1 < args.Length:
            output = args[++a];
            break;
        case "--size" when a + 1 < args.Length && Enum.TryParse(args[a + 1], ignoreCase: true, out SampleSize s):
            size = s;
            a++;
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: YunnanCopper [--out DIR] [--size small|default|large]");
            return 0;
        default:
            // The first bare argument is the output folder (as CI calls it).
            if (!args[a].StartsWith("--", StringComparison.Ordinal))
            {
                output = args[a];
                break;
            }

            Console.Error.WriteLine($"Unknown argument '{args[a]}'. usage: YunnanCopper [--out DIR] [--size small|default|large]");
            return 2;
    }
}

SampleSummary summary = YunnanCopperSample.Run(new SampleOptions(output, size), new SampleConsole(AnsiConsole.Console));
return summary.Succeeded ? 0 : 1;
