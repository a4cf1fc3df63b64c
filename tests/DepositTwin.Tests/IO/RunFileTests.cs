using DepositTwin.IO;

namespace DepositTwin.Tests.IO;

public class RunFileTests
{
    private const string Valid = """
        {
          "samples": { "file": "s.csv", "value": "cu" },
          "grid": { "origin": [0, 0, 0], "blockSize": [10, 10, 5], "count": [4, 4, 2] },
          "estimator": { "method": "idw", "power": 3 },
          "passes": [ { "ranges": [100, 100, 50], "maxSamples": 8 } ],
          "output": { "name": "cu_id" }
        }
        """;

    private static DataFormatException LoadBad(string json)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("run.json"), json);
        return Assert.Throws<DataFormatException>(() => RunFile.Load(folder.File("run.json")));
    }

    [Fact]
    public void A_valid_run_file_builds_grid_and_plan()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("run.json"), Valid);
        RunFile run = RunFile.Load(folder.File("run.json"));
        Assert.Equal(32, run.ToGrid().BlockCount);
        Assert.Equal(3, run.ToPlan().Power);
        Assert.Equal(folder.File("s.csv"), run.Resolve(run.Samples.File));
    }

    [Fact]
    public void Unknown_fields_are_errors_naming_the_path()
    {
        DataFormatException e = LoadBad(Valid.Replace("\"power\": 3", "\"powr\": 3", StringComparison.Ordinal));
        Assert.Contains("powr", e.Message);
        Assert.True(e.Line > 0);
    }

    [Fact]
    public void Out_of_range_values_name_the_field()
    {
        Assert.Equal("passes[0]", LoadBad(Valid.Replace("[100, 100, 50]", "[100, 200, 50]", StringComparison.Ordinal)).Field);
        Assert.Equal("estimator.method", LoadBad(Valid.Replace("\"idw\"", "\"kriging\"", StringComparison.Ordinal)).Field);
        Assert.Equal("grid", LoadBad(Valid.Replace("[4, 4, 2]", "[4, 0, 2]", StringComparison.Ordinal)).Field);
        Assert.Equal("estimator", LoadBad(Valid.Replace("\"idw\", \"power\": 3", "\"ordinary-kriging\"", StringComparison.Ordinal)).Field);
        Assert.Contains("grid.origin", LoadBad(Valid.Replace("[0, 0, 0]", "[0, 0]", StringComparison.Ordinal)).Field);
        Assert.Equal("passes[0].octants", LoadBad(Valid.Replace("\"maxSamples\": 8", "\"maxSamples\": 8, \"octants\": \"quadrants\"", StringComparison.Ordinal)).Field);
    }

    [Fact]
    public void Octants_are_GSLIBs_data_axes_unless_the_pass_names_the_search_ellipsoid()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("run.json"), Valid);
        Assert.Equal(DepositTwin.Search.OctantFrame.DataAxes, RunFile.Load(folder.File("run.json")).ToPlan().Passes[0].Octants);
        File.WriteAllText(folder.File("run.json"), Valid.Replace("\"maxSamples\": 8", "\"maxSamples\": 8, \"maxPerOctant\": 2, \"octants\": \"search-ellipsoid\"", StringComparison.Ordinal));
        Assert.Equal(DepositTwin.Search.OctantFrame.SearchEllipsoid, RunFile.Load(folder.File("run.json")).ToPlan().Passes[0].Octants);
    }

    [Fact]
    public void Missing_required_parts_and_broken_JSON_are_reported()
    {
        string withoutOutput = string.Join('\n', Valid.Split('\n').Where(l => !l.Contains("\"output\"", StringComparison.Ordinal)))
            .Replace("\"maxSamples\": 8 } ],", "\"maxSamples\": 8 } ]", StringComparison.Ordinal);
        DataFormatException missing = LoadBad(withoutOutput);
        Assert.True(missing.Message.Contains("output", StringComparison.OrdinalIgnoreCase), missing.Message);
        Assert.True(LoadBad("{ \"samples\": ").Line >= 1);
    }
}
