using System.Globalization;
using SampleDrivers;
using ShandongBauxite;
using Spectre.Console;

// The Shandong karst bauxite sample: dotnet run -c Release --project samples/ShandongBauxite [-- --out DIR]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = 240; // redirected output (CI, files): no wrapping at 80 columns
}

string output = args.Length >= 2 && args[0] == "--out" ? args[1] : args.Length == 1 ? args[0] : Path.Combine("output", "ShandongBauxite");
return BauxiteSample.Run(output, new SampleConsole(AnsiConsole.Console)) ? 0 : 1;
