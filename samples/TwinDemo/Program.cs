using System.Globalization;
using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Plotting;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Simulation;
using DepositTwin.Twin;
using DepositTwin.Variography;
using SampleDrivers;
using Spectre.Console;

// A year of the live twin on the Yunnan porphyry: monthly blast holes and depletion of the bench being
// mined, mill figures, infill drilling each quarter; resources and reconciliation month by month.
//   dotnet run -c Release --project samples/TwinDemo [-- DIR]
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (!AnsiConsole.Profile.Capabilities.Interactive)
{
    AnsiConsole.Profile.Width = 240;
}

string output = args.Length > 0 ? args[0] : Path.Combine("output", "TwinDemo");
Directory.CreateDirectory(output);
var console = new SampleConsole(AnsiConsole.Console);
var deposit = new PorphyryCopperDeposit(seed: 2026);
var grid = new GridDefinition(new Point3(500_200, 2_900_200, 3_000), new Point3(20, 20, 10), 40, 40, 40);
BlockModel model = deposit.TrueBlockModel(grid, new BlockDiscretisation(2, 2, 2));
DensityModel.FromAttribute("density").WriteTonnes(model, density: null);
var random = new Random(5);
double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

// Exploration drilling: vertical holes on 80 m, 10 m composites of the truth with 5 % error.
int nextHole = 0;
SampleSet Drill(double spacing, double offset)
{
    var xyz = new List<Point3>();
    var hole = new List<int>();
    for (double x = grid.Origin.X + offset; x < grid.Origin.X + 800; x += spacing)
    {
        for (double y = grid.Origin.Y + offset; y < grid.Origin.Y + 800; y += spacing, nextHole++)
        {
            for (double z = deposit.Topography(x, y) - 5; z > grid.Origin.Z; z -= 10)
            {
                xyz.Add(new Point3(x, y, z));
                hole.Add(nextHole);
            }
        }
    }

    return SampleSet.Of(xyz, "Cu", xyz.Select(p => deposit.Value(0, p) * Math.Exp(0.05 * Normal())).ToArray(), hole);
}

var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging,
    new SearchNeighbourhood(new Ellipsoid(Rotation.None, 140, 140, 60), minSamples: 4, maxSamples: 16) { MaxPerHole = 4 },
    new SearchNeighbourhood(new Ellipsoid(Rotation.None, 260, 260, 120), minSamples: 2, maxSamples: 16))
{
    Variogram = new VariogramModel(0.005, new VariogramStructure(StructureType.Spherical, 0.06, new Ellipsoid(Rotation.None, 300, 300, 200))),
};
// The resource model is classified after every drilling update (rules on distance and holes, one smoothing pass).
var settings = new TwinSettings("Cu", plan, CutOff: 0.3)
{
    ClassRules =
    [
        new ClassRule(ResourceClass.Measured) { MaximumPass = 1, MaximumAverageDistance = 45, MinimumHoles = 4 },
        new ClassRule(ResourceClass.Indicated) { MaximumPass = 1, MaximumAverageDistance = 75, MinimumHoles = 2 },
        new ClassRule(ResourceClass.Inferred),
    ],
    ClassSmoothing = new ClassSmoothing(1, 1, 0, Passes: 1),
};
string store = Path.Combine(output, "twin.db");
File.Delete(store);
var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
MineTwin twin = MineTwin.Create(model, Drill(80, 40), settings, start, store);
console.Step($"Twin created: {twin.Current.OreTonnes / 1e6:N1} Mt of ore above {settings.CutOff} % Cu (grade control), store {store}");

// The pit is re-planned each quarter on the grade-control model (mined blocks are air by then).
var economics = new BlockEconomics
{
    Commodities = [new Commodity("Cu_gc", 9000, 0.01) { Payable = 0.965, Recovery = RecoveryCurve.Constant(0.88), SellingCost = 500 }],
    MiningCost = 2.4, ProcessingCost = 9.5, GeneralAndAdministrativeCost = 1.5,
};
var pattern = DepositTwin.Planning.PrecedencePattern.MinimumSearch(grid.BlockSize, DepositTwin.Planning.SlopeProfile.Constant(45), benches: 6);

// Each month: mine the next 6 × 6-block patch, blast holes on it first, then the mill.
Console.WriteLine($"\n{"month",5} {"observation",-42} {"blocks",7} {"ore Mt",8} {"Δ Mt",7} {"Cu kt",8}");
int month = 0;
void Print(TwinUpdate u) => Console.WriteLine($"{month,5} {u.Version.Description,-42} {u.Version.BlocksChanged,7} {u.Version.OreTonnes / 1e6,8:N2} {u.OreTonnesChange / 1e6,7:+0.00;-0.00} {u.Version.OreMetal / 100 / 1e3,8:N1}");
IntegerAttribute mined = model.GetInteger("mined");
for (month = 1; month <= 12; month++)
{
    DateTimeOffset at = start.AddMonths(month);
    int i0 = 8 + 6 * ((month - 1) % 4), j0 = 14 + 6 * ((month - 1) / 4);
    // The pit has been stripped to the supergene blanket: the month mines its patch 30–40 m below the surface.
    int[] patch = Enumerable.Range(0, model.Count).Where(r => mined[r] == IntegerAttribute.Missing && model.IndexOf(r) is var b
        && b.I >= i0 && b.I < i0 + 6 && b.J >= j0 && b.J < j0 + 6
        && deposit.Topography(model.Centroid(r).X, model.Centroid(r).Y) - model.Centroid(r).Z is >= 30 and < 40).ToArray();

    // Blast holes: one per block of the patch, sampled from the truth with 10 % error.
    Point3[] holes = patch.Select(model.Centroid).ToArray();
    var blast = SampleSet.Of(holes, "Cu", holes.Select(p => deposit.Value(0, p) * Math.Exp(0.1 * Normal())).ToArray(),
        Enumerable.Range(nextHole, holes.Length).ToArray());
    nextHole += holes.Length;
    Print(twin.Apply(new NewSamples(at.AddDays(-10), $"{holes.Length} blast holes", SampleSource.BlastHoles, blast)));
    Print(twin.Apply(new Depletion(at.AddDays(-1), $"mined {patch.Length} blocks", month, patch)));

    // The mill: the true tonnes and grade of what grade control called ore, with 2 % weighing error.
    double ore = patch.Where(r => model.GetDouble("Cu_gc")[r] >= settings.CutOff).Sum(r => model.GetDouble("tonnes")[r]);
    double grade = patch.Where(r => model.GetDouble("Cu_gc")[r] >= settings.CutOff).Select(r => model.GetDouble("Cu_true")[r] * model.GetDouble("tonnes")[r]).DefaultIfEmpty().Sum() / Math.Max(ore, 1);
    Print(twin.Apply(new MillProduction(at, "mill report", month, ore * (1 + 0.02 * Normal()), grade)));
    if (month % 3 == 0)
    {
        Print(twin.Apply(new NewSamples(at.AddHours(1), "quarterly infill drilling", SampleSource.Drilling, Drill(160, 80 + 10 * month))));
        TwinUpdate replan = twin.Apply(new Replan(at.AddHours(2), "quarterly re-plan and schedule", economics, pattern)
        {
            Schedule = new ReplanSchedule([0.5, 0.75, 1.0], 0.2, new DepositTwin.Planning.ScheduleOptions { MiningCapacity = 60e6, ProcessingCapacity = 20e6 }),
        });
        Print(replan);
        string classes = string.Join(", ", replan.After.Lines.Where(l => l.Class is not null).Select(l => $"{l.Class} {l.Tonnes / 1e6:N1} Mt"));
        Console.WriteLine($"      pit to come: {twin.Pit!.BlockCount:N0} blocks, value {twin.Pit.Value / 1e6:N0} M$; schedule {twin.Schedule!.Periods.Count} periods, "
            + $"NPV {twin.Schedule.NetPresentValue / 1e6:N0} M$ ({twin.Schedule.FractionOfUpperBound:P0} of the pit's value); ore by class: {classes}");
    }
}

ReconciliationTable reconciliation = twin.Reconcile();
Console.WriteLine("\nReconciliation (model = long-term resource model, GC = grade control, mill = reported):\n" + reconciliation.ToMarkdown());
File.WriteAllText(Path.Combine(output, "reconciliation.md"), reconciliation.ToMarkdown());
double[] periods = reconciliation.Periods.Select(p => (double)p.Period).ToArray();
Charts.Lines([("F1 metal (GC / model)", periods, reconciliation.Periods.Select(p => p.F1.Metal).ToArray()),
        ("F2 metal (mill / GC)", periods, reconciliation.Periods.Select(p => p.F2.Metal).ToArray()),
        ("F3 metal (mill / model)", periods, reconciliation.Periods.Select(p => p.F3.Metal).ToArray())],
    Path.Combine(output, "reconciliation.png"), "Reconciliation factors, month by month", "month", "factor", reference: 1);

// The store reopens where it stopped, and keeps every earlier state.
MineTwin reopened = MineTwin.Open(store, settings);
BlockModel january = reopened.ModelAsOf(2);
console.Step($"{reopened.Versions.Count} versions in {store}; reopened at version {reopened.Current.Id}; version 2 has {january.Count:N0} blocks");
return 0;
