using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Variography;

namespace DepositTwin.Tests;

/// <summary>The README's quick start is this code, word for word, and it runs.</summary>
public class ReadmeTests
{
    private static string RepositoryFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, name);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "DepositTwin.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} not found above {AppContext.BaseDirectory}");
    }

    private static string[] CodeLines(IEnumerable<string> lines) => lines
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith("using ", StringComparison.Ordinal))
        .ToArray();

    [Theory]
    [InlineData("## Quick start", "quick start")]
    [InlineData("## Variography", "variography")]
    public void Each_README_example_is_the_code_a_test_here_runs(string heading, string marker)
    {
        string readme = File.ReadAllText(RepositoryFile("README.md"));
        int start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no '{heading}' section");
        int open = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        int close = readme.IndexOf("```", open, StringComparison.Ordinal);
        string[] documented = CodeLines(readme[open..close].Split('\n'));

        string source = File.ReadAllText(RepositoryFile(Path.Combine("tests", "DepositTwin.Tests", "ReadmeTests.cs")));
        int begin = source.IndexOf($"// {marker} begins\n", StringComparison.Ordinal);
        int end = source.IndexOf($"// {marker} ends\n", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"no '{marker}' markers in ReadmeTests.cs");
        string[] tested = CodeLines(source[begin..end].Split('\n').Skip(1));
        Assert.Equal(documented, tested);
    }

    [Fact]
    public void The_quick_start_runs_and_its_numbers_hold()
    {
        // quick start begins
        // 10 × 10 × 5 m blocks; origin = minimum corner of the first block.
        var grid = new GridDefinition(new Point3(500_000, 2_900_000, 2_800), new Point3(10, 10, 5), 120, 120, 80);

        // Only blocks below the topography are active; air takes no memory.
        var model = BlockModel.WithActiveBlocks(grid, c => c.Z < 3_150);
        DoubleAttribute cu = model.AddDouble("Cu", unit: "%", description: "copper grade");
        IntegerAttribute domain = model.AddInteger("domain");

        // Rows are independent: write them in parallel, without locks.
        model.All.ParallelFor(row =>
        {
            Point3 c = model.Centroid(row);
            cu[row] = 0.8 * Math.Exp(-((c.X - 500_600) * (c.X - 500_600) + (c.Y - 2_900_600) * (c.Y - 2_900_600)) / 4e5);
            domain[row] = cu[row] > 0.2 ? 1 : 2;
        });

        // Views: a bench is a contiguous run of rows; a domain is a list of rows.
        double sum = 0;
        foreach (int row in model.WhereCode("domain", 1)) sum += cu[row];

        // A search ellipsoid 300 × 150 × 50 m, major axis at azimuth 30° (GSLIB angles).
        var ellipsoid = new Ellipsoid(Rotation.FromGslib(30, 0, 0), 300, 150, 50);
        double d = ellipsoid.AnisotropicDistance(new Point3(0, 0, 0), new Point3(0, 0, 50)); // 300: on the surface

        // Files are written all-or-nothing (temporary file, then move).
        string csv = Path.Combine(Path.GetTempPath(), "model.csv");
        BlockModelCsv.Write(model, csv);
        VtkWriter.Write(model, Path.ChangeExtension(csv, ".vtk")); // ParaView: threshold on 'active'
        var (back, report) = BlockModelCsv.Read(csv, grid, new BlockModelCsvOptions { IntegerAttributes = ["domain"] });
        Console.WriteLine(report);
        // quick start ends

        Assert.Equal(120 * 120 * 70, model.Count);
        Assert.True(sum > 0);
        Assert.Equal(300, d, 1e-9);
        Assert.Equal(model.Count, back.Count);
        Assert.Equal(cu.Values.ToArray(), back.GetDouble("Cu").Values.ToArray());
        File.Delete(csv);
        File.Delete(Path.ChangeExtension(csv, ".vtk"));
    }

    [Fact]
    public void The_variography_example_runs_and_fits()
    {
        // variography begins
        // Composites: locations and grades (NaN grades are left out and counted).
        var random = new Random(1);
        Point3[] xyz = Enumerable.Range(0, 2000).Select(_ => new Point3(random.NextDouble() * 1000, random.NextDouble() * 1000, random.NextDouble() * 200)).ToArray();
        double[] cu = xyz.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 150) * Math.Cos(p.Y / 220) + 0.05 * random.NextDouble()).ToArray();

        // Lag classes as gstat makes them, (k·w, (k+1)·w]; LagClasses.Gslib(count, width, tolerance) for gamv's.
        var lags = LagClasses.Regular(width: 25, cutoff: 400);
        var omni = ExperimentalVariogram.Compute(xyz, cu, lags);
        var north = ExperimentalVariogram.Compute(xyz, cu, lags, new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth: 0, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60),
        });
        var east = ExperimentalVariogram.Compute(xyz, cu, lags, new ExperimentalVariogramOptions
        {
            Direction = new VariogramDirection(azimuth: 90, dip: 0, angularTolerance: 22.5, horizontalBandwidth: 60),
        });

        // Nugget + spherical; practical ranges 200 m (north) / 150 m (east) / 50 m (vertical), GSLIB angles.
        var start = new VariogramModel(0.001,
            new VariogramStructure(StructureType.Spherical, 0.02, new Ellipsoid(Rotation.FromGslib(0, 0, 0), 200, 150, 50)));

        // A joint fit of both directions (anisotropy ratios are fitted when several directions are given).
        VariogramFit fit = VariogramFitter.Fit(start, [north, east], new VariogramFitOptions { Weighting = FitWeighting.PairsOverDistanceSquared });
        Console.WriteLine($"{fit.Model}; weighted SSE {fit.WeightedSse:G3}");

        // Lags and the fitted model at each lag, ready to plot.
        north.WriteCsv(Path.Combine(Path.GetTempPath(), "variogram_north.csv"), fit.Model);
        double covariance = fit.Model.Covariance(new Point3(0, 0, 0), new Point3(0, 50, 0));
        // variography ends

        Assert.Equal(16, omni.Lags.Count);
        Assert.True(double.IsFinite(fit.WeightedSse));
        Assert.Equal(fit.WeightedSse, VariogramFitter.WeightedSse(fit.Model, [north, east], FitWeighting.PairsOverDistanceSquared), 1e-12);
        Assert.True(fit.WeightedSse <= VariogramFitter.WeightedSse(start, [north, east], FitWeighting.PairsOverDistanceSquared));
        Assert.InRange(covariance, 0, fit.Model.TotalSill);
        File.Delete(Path.Combine(Path.GetTempPath(), "variogram_north.csv"));
    }
}
