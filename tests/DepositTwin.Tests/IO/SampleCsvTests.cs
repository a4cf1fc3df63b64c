using DepositTwin.IO;
using DepositTwin.Samples;

namespace DepositTwin.Tests.IO;

public class SampleCsvTests
{
    [Fact]
    public void Samples_are_read_with_holes_missing_values_and_sentinels_counted()
    {
        using var folder = new TempFolder();
        string path = folder.File("s.csv");
        File.WriteAllText(path, "hole;x;y;z;cu;au\nA;1;2;3;0.5;1\nA;1;2;1;;2\nB;5;5;5;-99;NA\n");
        (SampleSet samples, SampleImportReport report) = SampleCsv.Read(path, new SampleCsvColumns { Hole = "hole", MissingSentinels = [-99] });
        Assert.Equal(3, samples.Count);
        Assert.Equal(2, report.Holes);
        Assert.Equal(2, report.Missing["cu"]);
        Assert.Equal(1, report.Missing["au"]);
        Assert.Equal(new[] { 0, 0, 1 }, samples.HoleIds.ToArray());
        Assert.Equal(0.5, samples.Values("cu")[0]);
        Assert.Contains("cu: 2 missing", report.ToString());
    }

    [Fact]
    public void Bad_values_and_missing_columns_name_file_line_and_field()
    {
        using var folder = new TempFolder();
        string path = folder.File("s.csv");
        File.WriteAllText(path, "x,y,z,cu\n1,2,3,0.5\n1,x2,3,0.5\n");
        DataFormatException e = Assert.Throws<DataFormatException>(() => SampleCsv.Read(path, new SampleCsvColumns()));
        Assert.Equal((3L, "y"), (e.Line, e.Field));
        Assert.Equal("hole", Assert.Throws<DataFormatException>(() => SampleCsv.Read(path, new SampleCsvColumns { Hole = "hole" })).Field);
        File.WriteAllText(path, "x,y,z,cu\n1,2,3,abc\n");
        Assert.Equal("cu", Assert.Throws<DataFormatException>(() => SampleCsv.Read(path, new SampleCsvColumns())).Field);
    }
}
