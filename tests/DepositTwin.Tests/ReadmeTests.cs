using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;

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

    [Fact]
    public void The_quick_start_in_the_README_is_the_code_this_test_runs()
    {
        string readme = File.ReadAllText(RepositoryFile("README.md"));
        int start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        int open = readme.IndexOf("```csharp\n", start, StringComparison.Ordinal) + "```csharp\n".Length;
        int close = readme.IndexOf("```", open, StringComparison.Ordinal);
        string[] documented = CodeLines(readme[open..close].Split('\n'));

        string source = File.ReadAllText(RepositoryFile(Path.Combine("tests", "DepositTwin.Tests", "ReadmeTests.cs")));
        int begin = source.IndexOf("// quick start begins\n", StringComparison.Ordinal);
        int end = source.IndexOf("// quick start ends\n", StringComparison.Ordinal);
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
}
