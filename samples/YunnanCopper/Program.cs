using System.Diagnostics;
using System.Globalization;
using DepositTwin;
using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;
using YunnanCopper;

// The Yunnan porphyry copper sample, end to end on a built-in deposit: the true block model, drilling,
// variography, multi-pass ordinary block kriging, cross-validation, and estimate against truth.
// Drillhole import, resources, the pit and the plots join as those parts of the library land.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string output = args.Length > 0 ? args[0] : Path.Combine("output", "YunnanCopper");
Directory.CreateDirectory(output);
var clock = Stopwatch.StartNew();
void Step(string text) => Console.WriteLine($"\n[{clock.Elapsed.TotalSeconds,5:0.0} s] {text}");

// 1. The truth: a 1.2 km × 1.2 km × 600 m block model of 20 × 20 × 10 m blocks; air is inactive.
var deposit = new PorphyryDeposit();
var grid = new GridDefinition(new Point3(500_000, 2_900_000, 2_800), new Point3(20, 20, 10), 60, 60, 60);
Console.WriteLine($"DepositTwin sample: Yunnan porphyry copper\n{grid}");
BlockModel model = BlockModel.WithActiveBlocks(grid, c => c.Z < deposit.Topography(c.X, c.Y));
DoubleAttribute truth = model.AddDouble("Cu_true", "%", "true copper grade (block average)");
DoubleAttribute density = model.AddDouble("density", "t/m3", "dry bulk density");
IntegerAttribute zone = model.AddInteger("zone", "", "alteration: 1 potassic, 2 phyllic, 3 propylitic, 0 barren");
var discretisation = new BlockDiscretisation(3, 3, 2);
Point3[] offsets = discretisation.Offsets(grid.BlockSize);
model.All.ParallelFor(row =>
{
    Point3 c = model.Centroid(row);
    truth[row] = offsets.Average(o => deposit.CopperPercent(c + o)); // the block's true mean grade
    zone[row] = deposit.Zone(c);
    density[row] = PorphyryDeposit.Density(zone[row]);
});
Step($"Truth: {model.Count:N0} of {grid.BlockCount:N0} blocks below the topography");

// 2. Drilling: vertical holes on a 60 m pattern over the system, 10 m composites, 5 % assay error.
var random = new Random(2026);
var locations = new List<Point3>();
var grades = new List<double>();
var holes = new List<int>();
int hole = 0;
for (double x = 500_180; x <= 501_020; x += 60)
{
    for (double y = 2_900_180; y <= 2_901_020; y += 60, hole++)
    {
        double collar = deposit.Topography(x, y);
        for (double z = collar - 5; z > 2_850; z -= 10)
        {
            var p = new Point3(x + random.NextDouble() * 4 - 2, y + random.NextDouble() * 4 - 2, z);
            locations.Add(p);
            grades.Add(deposit.CopperPercent(p) * Math.Exp(0.05 * Normal(random)));
            holes.Add(hole);
        }
    }
}

var samples = SampleSet.Of(locations, "Cu", [.. grades], holes);
Step($"Drilling: {hole} holes, {samples.Count:N0} composites of 10 m; mean Cu {grades.Average():0.000} %");

// 3. Variography: north, east and vertical experimental variograms, a joint fit of nugget + spherical.
var lags = LagClasses.Regular(width: 30, cutoff: 480);
ExperimentalVariogram Directional(double azimuth) => ExperimentalVariogram.Compute(locations.ToArray(), [.. grades], lags, new ExperimentalVariogramOptions
{
    Direction = new VariogramDirection(azimuth, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60, verticalBandwidth: 10),
});
var north = Directional(0);
var east = Directional(90);
var vertical = ExperimentalVariogram.Compute(locations.ToArray(), [.. grades], LagClasses.Regular(20, 320), new ExperimentalVariogramOptions
{
    Direction = new VariogramDirection(azimuth: 0, dip: -90, angularTolerance: 10),
});
double variance = grades.Select(g => (g - grades.Average()) * (g - grades.Average())).Average();
var start = new VariogramModel(0.05 * variance,
    new VariogramStructure(StructureType.Spherical, 0.95 * variance, new Ellipsoid(Rotation.None, 450, 450, 300)));
VariogramFit fit = VariogramFitter.Fit(start, [north, east, vertical], new VariogramFitOptions { Weighting = FitWeighting.Pairs, MaximumRange = 700 });
north.WriteCsv(Path.Combine(output, "variogram_north.csv"), fit.Model);
east.WriteCsv(Path.Combine(output, "variogram_east.csv"), fit.Model);
vertical.WriteCsv(Path.Combine(output, "variogram_vertical.csv"), fit.Model);
Step($"Variogram fitted: {fit.Model}\n           (weighted SSE {fit.WeightedSse:G4} on {fit.LagsUsed} lags)");

// 4. Ordinary block kriging (3 × 3 × 2 discretisation) in two passes.
var plan = new EstimationPlan(EstimationMethod.OrdinaryKriging,
    new SearchNeighbourhood(new Ellipsoid(Rotation.None, 150, 150, 75), minSamples: 6, maxSamples: 24) { MaxPerHole = 6 },
    new SearchNeighbourhood(new Ellipsoid(Rotation.None, 300, 300, 150), minSamples: 3, maxSamples: 24) { MaxPerHole = 8 })
{
    Variogram = fit.Model,
    Discretisation = discretisation,
};
// Only the drilled footprint is estimated; blocks beyond it stay missing (NaN).
BlockSelection drilled = model.Where(row => model.Centroid(row) is { X: >= 500_150 and <= 501_050, Y: >= 2_900_150 and <= 2_901_050 });
int shown = -1;
var progress = new Progress<WorkProgress>(p =>
{
    int tenth = (int)(p.Fraction * 10);
    if (Interlocked.Exchange(ref shown, Math.Max(shown, tenth)) < tenth)
    {
        Console.Write($"\r           {p.Stage}: {tenth * 10,3} %");
    }
});
EstimationReport report = BlockEstimator.Estimate(model, samples, "Cu", plan, "Cu_ok", drilled, progress);
Step($"Estimated:\n{report}");

// 5. Cross-validation, leave one hole out (the honest test for drilled data).
CrossValidationResult cv = CrossValidation.Run(samples, "Cu", plan, LeaveOut.Hole);
Step($"Cross-validation (leave one hole out, {cv.Count:N0} composites): ME {cv.MeanError:0.0000}, RMSE {cv.RootMeanSquareError:0.0000}, " +
     $"correlation {cv.Correlation:0.000}, slope obs|est {cv.SlopeObservedOnEstimate:0.000}, var of z {cv.VarianceOfStandardisedError:0.00}");

// 6. Estimate against truth above cut-offs, over the estimated blocks.
DoubleAttribute estimate = model.GetDouble("Cu_ok");
Console.WriteLine($"\n{"cut-off",8} {"Mt true",9} {"Mt est",9} {"err",7} {"Cu% true",9} {"Cu% est",9} {"err",7} {"kt Cu true",11} {"kt Cu est",10} {"err",7}");
foreach (double cutOff in new[] { 0.0, 0.2, 0.3, 0.5 })
{
    double tTrue = 0, mTrue = 0, tEst = 0, mEst = 0;
    for (int row = 0; row < model.Count; row++)
    {
        if (double.IsNaN(estimate[row]))
        {
            continue;
        }

        double tonnes = grid.BlockVolume * density[row];
        if (truth[row] >= cutOff)
        {
            tTrue += tonnes;
            mTrue += tonnes * truth[row] / 100;
        }

        if (estimate[row] >= cutOff)
        {
            tEst += tonnes;
            mEst += tonnes * estimate[row] / 100;
        }
    }

    Console.WriteLine($"{cutOff,7:0.00}% {tTrue / 1e6,9:N1} {tEst / 1e6,9:N1} {Error(tEst, tTrue),7} {100 * mTrue / tTrue,9:0.000} {100 * mEst / tEst,9:0.000} {Error(mEst / tEst, mTrue / tTrue),7} {mTrue / 1e3,11:N0} {mEst / 1e3,10:N0} {Error(mEst, mTrue),7}");
}

static string Error(double estimate, double truth)
{
    double percent = Math.Round(100 * (estimate - truth) / truth, 1) + 0.0; // + 0.0 turns −0 into 0
    return (percent >= 0 ? "+" : "") + percent.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}

// 7. Outputs: swath, block model CSV and VTK.
using (var swath = new StreamWriter(Path.Combine(output, "swath_easting.csv")))
{
    swath.WriteLine("from,to,blocks,mean_estimate,samples,mean_sample");
    foreach (SwathSlice s in Swath.Compute(model, "Cu_ok", samples, "Cu", SwathAxis.X, 60))
    {
        swath.WriteLine(FormattableString.Invariant($"{s.From},{s.To},{s.Blocks},{s.MeanEstimate},{s.Samples},{s.MeanSample}"));
    }
}

BlockModelCsv.Write(model, Path.Combine(output, "yunnan_copper_model.csv"));
VtkWriter.Write(model, Path.Combine(output, "yunnan_copper_model.vtk"), ["Cu_true", "Cu_ok", "Cu_ok_var", "Cu_ok_pass", "zone"]);
Step($"Wrote {output}: block model CSV and VTK (ParaView: threshold on 'active'), variograms, swath.");

static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
