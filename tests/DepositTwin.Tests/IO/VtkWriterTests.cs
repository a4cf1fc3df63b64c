using System.Buffers.Binary;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;

namespace DepositTwin.Tests.IO;

public class VtkWriterTests
{
    /// <summary>A minimal reader of the legacy binary files we write: header lines and big-endian doubles.</summary>
    private sealed class LegacyVtk
    {
        private readonly byte[] _bytes;
        private int _at;

        public LegacyVtk(string path) => _bytes = File.ReadAllBytes(path);

        public string Line()
        {
            int end = Array.IndexOf(_bytes, (byte)'\n', _at);
            string line = Encoding.ASCII.GetString(_bytes, _at, end - _at);
            _at = end + 1;
            return line;
        }

        public double[] Doubles(int count)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleBigEndian(_bytes.AsSpan(_at + 8 * i));
            }

            _at += 8 * count;
            Assert.Equal((byte)'\n', _bytes[_at++]);
            return values;
        }

        public bool AtEnd => _at == _bytes.Length;
    }

    [Fact]
    public void Unrotated_grids_are_structured_points_with_one_value_per_cell()
    {
        using var folder = new TempFolder();
        var grid = new GridDefinition(new Point3(100, 200, -50), new Point3(10, 20, 5), 3, 2, 2);
        var model = BlockModel.WithActiveBlocks(grid, [0, 4, 11]);
        DoubleAttribute cu = model.AddDouble("Cu");
        IntegerAttribute domain = model.AddInteger("domain");
        cu[0] = 0.5;
        cu[2] = 1.5;
        domain[1] = 7;
        string path = folder.File("model.vtk");
        VtkWriter.Write(model, path);

        var vtk = new LegacyVtk(path);
        Assert.Equal("# vtk DataFile Version 3.0", vtk.Line());
        vtk.Line();
        Assert.Equal("BINARY", vtk.Line());
        Assert.Equal("DATASET STRUCTURED_POINTS", vtk.Line());
        Assert.Equal("DIMENSIONS 4 3 3", vtk.Line());
        Assert.Equal("ORIGIN 100 200 -50", vtk.Line());
        Assert.Equal("SPACING 10 20 5", vtk.Line());
        Assert.Equal("CELL_DATA 12", vtk.Line());
        Assert.Equal("SCALARS active double 1", vtk.Line());
        vtk.Line();
        Assert.Equal(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1 }, vtk.Doubles(12));
        Assert.Equal("SCALARS Cu double 1", vtk.Line());
        vtk.Line();
        double[] values = vtk.Doubles(12);
        Assert.Equal(0.5, values[0]);
        Assert.True(double.IsNaN(values[4]));
        Assert.Equal(1.5, values[11]);
        Assert.True(double.IsNaN(values[5]));
        Assert.Equal("SCALARS domain double 1", vtk.Line());
        vtk.Line();
        Assert.Equal(7, vtk.Doubles(12)[4]);
        Assert.True(vtk.AtEnd);
    }

    [Fact]
    public void Rotated_grids_give_their_block_corners_explicitly()
    {
        using var folder = new TempFolder();
        var grid = new GridDefinition(new Point3(100, 200, 0), new Point3(10, 10, 5), 2, 1, 1, azimuth: 30);
        var model = new BlockModel(grid);
        model.AddDouble("Cu", fill: 0.3);
        string path = folder.File("rotated.vtk");
        VtkWriter.Write(model, path, ["Cu"]);

        var vtk = new LegacyVtk(path);
        for (int i = 0; i < 3; i++)
        {
            vtk.Line();
        }

        Assert.Equal("DATASET STRUCTURED_GRID", vtk.Line());
        Assert.Equal("DIMENSIONS 3 2 2", vtk.Line());
        Assert.Equal("POINTS 12 double", vtk.Line());
        double[] corners = vtk.Doubles(36);
        Point3 expected = grid.ToWorld(new Point3(20, 10, 5)); // the last corner: i = 2, j = 1, k = 1
        Assert.Equal(expected.X, corners[33], 1e-9);
        Assert.Equal(expected.Y, corners[34], 1e-9);
        Assert.Equal(expected.Z, corners[35], 1e-9);
        Assert.Equal("CELL_DATA 2", vtk.Line());
        vtk.Line();
        vtk.Line();
        vtk.Doubles(2);
        vtk.Line();
        vtk.Line();
        Assert.Equal(new[] { 0.3, 0.3 }, vtk.Doubles(2));
    }
}
