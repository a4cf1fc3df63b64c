using System.Diagnostics;
using System.Globalization;
using DepositTwin;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;
using YunnanCopper;

// The Yunnan porphyry copper sample. Today it builds the deposit's block model (the "truth"), reports
// it by alteration zone and bench, and writes CSV and VTK; drilling, variography, kriging, resources
// and the pit join as those parts of the library land (see README).
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : Path.Combine("output", "YunnanCopper");
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();

var deposit = new PorphyryDeposit();
var grid = new GridDefinition(new Point3(500_000, 2_900_000, 2_800), new Point3(10, 10, 10), 120, 120, 60);
Console.WriteLine($"DepositTwin sample: Yunnan porphyry copper\n{grid}");

// Air above the topography takes no memory: only blocks below it are active.
BlockModel model = BlockModel.WithActiveBlocks(grid, c => c.Z < deposit.Topography(c.X, c.Y));
DoubleAttribute cu = model.AddDouble("Cu", "%", "true copper grade");
DoubleAttribute mo = model.AddDouble("Mo", "ppm", "true molybdenum grade");
DoubleAttribute density = model.AddDouble("density", "t/m3", "dry bulk density");
IntegerAttribute zone = model.AddInteger("zone", "", "alteration: 1 potassic, 2 phyllic, 3 propylitic, 0 barren");
model.All.ParallelFor(row =>
{
    Point3 c = model.Centroid(row);
    zone[row] = deposit.Zone(c);
    cu[row] = deposit.CopperPercent(c);
    mo[row] = deposit.MolybdenumPpm(c);
    density[row] = PorphyryDeposit.Density(zone[row]);
});
Console.WriteLine($"{model.Count:N0} of {grid.BlockCount:N0} blocks below the topography ({clock.Elapsed.TotalSeconds:0.00} s)\n");

const double cutOff = 0.3;
Console.WriteLine($"{"zone",-12}{"blocks",10}{"Mt",10}{"Cu %",8}{"Mo ppm",8}{$"Mt ≥ {cutOff}% Cu",16}{"Cu % ≥ c/o",12}");
string[] names = ["barren", "potassic", "phyllic", "propylitic"];
for (int z = 0; z < names.Length; z++)
{
    Summarise(names[z], model.WhereCode("zone", z));
}

Summarise("total", model.All);

void Summarise(string name, BlockSelection blocks)
{
    double tonnes = 0, metal = 0, moly = 0, oreTonnes = 0, oreMetal = 0;
    foreach (int row in blocks)
    {
        double t = grid.BlockVolume * density[row];
        tonnes += t;
        metal += t * cu[row];
        moly += t * mo[row];
        if (cu[row] >= cutOff)
        {
            oreTonnes += t;
            oreMetal += t * cu[row];
        }
    }

    Console.WriteLine($"{name,-12}{blocks.Count,10:N0}{tonnes / 1e6,10:N1}{metal / tonnes,8:0.000}{moly / tonnes,8:0}{oreTonnes / 1e6,16:N1}{(oreTonnes > 0 ? oreMetal / oreTonnes : 0),12:0.000}");
}

Console.WriteLine();
var progress = new Progress<WorkProgress>(p => Console.Write($"\r{p.Stage}: {p.Fraction,4:P0}"));
string csv = Path.Combine(output, "yunnan_copper_truth.csv");
BlockModelCsv.Write(model, csv, progress);
Console.WriteLine();
string vtk = Path.Combine(output, "yunnan_copper_truth.vtk");
VtkWriter.Write(model, vtk);
Console.WriteLine($"Wrote {csv}\nWrote {vtk} (open in ParaView; threshold on 'active')");
Console.WriteLine($"Done in {clock.Elapsed.TotalSeconds:0.0} s.");
