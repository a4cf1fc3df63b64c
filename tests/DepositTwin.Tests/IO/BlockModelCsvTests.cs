using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.IO;

public class BlockModelCsvTests
{
    private static readonly GridDefinition Grid = new(new Point3(500_000, 2_700_000, 1200), new Point3(10, 10, 5), 5, 4, 3, azimuth: 17.5);

    private static BlockModel RandomModel(int seed)
    {
        var random = new Random(seed);
        var model = BlockModel.WithActiveBlocks(Grid, Enumerable.Range(0, Grid.BlockCount).Where(_ => random.NextDouble() < 0.7));
        DoubleAttribute cu = model.AddDouble("Cu", "%");
        DoubleAttribute tiny = model.AddDouble("Au_gpt", "g/t");
        IntegerAttribute domain = model.AddInteger("domain");
        for (int row = 0; row < model.Count; row++)
        {
            cu[row] = random.NextDouble() < 0.1 ? double.NaN : Math.Exp(random.NextDouble() * 10 - 8);
            tiny[row] = random.NextDouble() < 0.1 ? double.NaN : (random.NextDouble() - 0.5) * 1e-300;
            domain[row] = random.NextDouble() < 0.1 ? IntegerAttribute.Missing : random.Next(-5, 1000);
        }

        return model;
    }

    [Property(MaxTest = 30)]
    public Property Write_then_read_reproduces_every_value_exactly() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            using var folder = new TempFolder();
            BlockModel model = RandomModel(seed);
            string path = folder.File("model.csv");
            BlockModelCsv.Write(model, path);
            (BlockModel back, BlockModelImportReport report) = BlockModelCsv.Read(path, Grid, new BlockModelCsvOptions { IntegerAttributes = ["domain"] });
            Assert.Equal(model.Count, back.Count);
            Assert.Equal(model.Count, report.RowsRead);
            Assert.Equal("i,j,k", report.CoordinateColumns);
            for (int row = 0; row < model.Count; row++)
            {
                Assert.Equal(model.BlockOf(row), back.BlockOf(row));
                Assert.Equal(model.GetDouble("Cu")[row], back.GetDouble("Cu")[row]); // NaN equals NaN here; bitwise otherwise
                Assert.Equal(model.GetDouble("Au_gpt")[row], back.GetDouble("Au_gpt")[row]);
                Assert.Equal(model.GetInteger("domain")[row], back.GetInteger("domain")[row]);
            }

            Assert.Equal(model.GetDouble("Cu").MissingCount(), report.BlankValues["Cu"]);
        });

    [Fact]
    public void Blocks_can_be_located_by_centroid_alone_with_semicolons_CRLF_and_a_BOM()
    {
        using var folder = new TempFolder();
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 3, 3, 3);
        string path = folder.File("xyz.csv");
        File.WriteAllText(path, "X;Y;Z;Fe\r\n5;5;5;61.5\r\n\r\n25;15;25;-99\r\n15;25;5;\r\n", System.Text.Encoding.UTF8);
        (BlockModel model, BlockModelImportReport report) = BlockModelCsv.Read(path, grid, new BlockModelCsvOptions { MissingSentinels = [-99] });
        Assert.Equal("x,y,z", report.CoordinateColumns);
        Assert.Equal(new[] { 0, 7, 23 }, Enumerable.Range(0, 3).Select(model.BlockOf));
        Assert.Equal(61.5, model.GetDouble("Fe")[0]);
        Assert.True(double.IsNaN(model.GetDouble("Fe")[1]));
        Assert.True(double.IsNaN(model.GetDouble("Fe")[2]));
        Assert.Equal(1, report.SentinelValues["Fe"]);
        Assert.Equal(1, report.BlankValues["Fe"]);
        Assert.Contains("1 blank and 1 sentinel", report.ToString());
    }

    private static DataFormatException ReadBad(string content, BlockModelCsvOptions? options = null)
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.csv");
        File.WriteAllText(path, content);
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 3, 3, 3);
        return Assert.Throws<DataFormatException>(() => BlockModelCsv.Read(path, grid, options));
    }

    [Fact]
    public void A_non_numeric_value_names_file_line_and_field()
    {
        DataFormatException e = ReadBad("i,j,k,Cu\n0,0,0,0.5\n1,0,0,abc\n");
        Assert.EndsWith("bad.csv", e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Equal("Cu", e.Field);
        Assert.Contains("line 3, field 'Cu'", e.Message);
    }

    [Fact]
    public void Malformed_rows_are_reported_not_guessed()
    {
        Assert.Equal(2, ReadBad("i,j,k,Cu\n0,0\n").Line);
        Assert.Equal("i", ReadBad("i,j,k,Cu\n3,0,0,1\n").Field);
        Assert.Equal("k", ReadBad("i,j,k,Cu\n0,0,1.5,1\n").Field);
        Assert.Equal(1, ReadBad("a,b,Cu\n0,0,1\n").Line);
        Assert.Equal(4, ReadBad("i,j,k,Cu\n0,0,0,1\n1,0,0,1\n0,0,0,2\n").Line);
        Assert.Equal("x", ReadBad("x,y,z,Cu\n35,0,0,1\n").Field);
        Assert.Equal("x", ReadBad("i,j,k,x,y,z\n0,0,0,15,5,5\n").Field);
        Assert.Equal("domain", ReadBad("i,j,k,domain\n0,0,0,1.5\n", new BlockModelCsvOptions { IntegerAttributes = ["domain"] }).Field);
        Assert.Equal(0, ReadBad("").Line);
    }

    [Fact]
    public void Quoted_fields_may_hold_delimiters()
    {
        using var folder = new TempFolder();
        string path = folder.File("quoted.csv");
        File.WriteAllText(path, "\"i\",\"j\",\"k\",\"Cu\"\n\"0\",\"0\",\"0\",\"1.25\"\n");
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 3, 3, 3);
        (BlockModel model, _) = BlockModelCsv.Read(path, grid);
        Assert.Equal(1.25, model.GetDouble("Cu")[0]);
    }

    [Fact]
    public void A_cancelled_write_leaves_the_previous_file_untouched()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.csv");
        File.WriteAllText(path, "previous");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => BlockModelCsv.Write(RandomModel(1), path, cancellationToken: cancel.Token));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Progress_reaches_every_block()
    {
        using var folder = new TempFolder();
        var reports = new List<WorkProgress>();
        var progress = new SynchronousProgress(reports.Add);
        BlockModel model = RandomModel(2);
        BlockModelCsv.Write(model, folder.File("model.csv"), progress);
        Assert.Equal(1.0, reports[^1].Fraction);
        Assert.Equal(model.Count, reports[^1].Completed);
    }

    private sealed class SynchronousProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }
}
