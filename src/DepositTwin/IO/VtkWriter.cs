using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;

namespace DepositTwin.IO;

/// <summary>
/// Writes block models as legacy binary VTK files (<c>.vtk</c>) for 3D viewing in ParaView or VisIt.
/// </summary>
/// <remarks>
/// An unrotated grid is written as STRUCTURED_POINTS; a rotated grid as a STRUCTURED_GRID with the
/// block corners given explicitly. Each attribute becomes a cell scalar of type double (integer codes
/// are converted); missing values and inactive blocks are NaN, and a cell scalar <c>active</c> (0/1)
/// allows thresholding them away. Values are big-endian, as the legacy format requires.
/// </remarks>
public static class VtkWriter
{
    /// <summary>Writes the model, all-or-nothing (temporary file, then move).</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The target file, usually ending in <c>.vtk</c>.</param>
    /// <param name="attributes">Names of the attributes to write; null writes all.</param>
    /// <param name="cancellationToken">Stops the write; the target is then left untouched.</param>
    public static void Write(BlockModel model, string path, IEnumerable<string>? attributes = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        BlockAttribute[] selected = attributes is null ? [.. model.Attributes] : attributes.Select(name => model[name]).ToArray();
        GridDefinition grid = model.Grid;
        AtomicFile.Write(path, stream =>
        {
            WriteText(stream, "# vtk DataFile Version 3.0\n");
            WriteText(stream, $"DepositTwin block model {grid.CountX}x{grid.CountY}x{grid.CountZ}\nBINARY\n");
            string dimensions = FormattableString.Invariant($"DIMENSIONS {grid.CountX + 1} {grid.CountY + 1} {grid.CountZ + 1}\n");
            if (grid.Azimuth == 0)
            {
                WriteText(stream, "DATASET STRUCTURED_POINTS\n" + dimensions);
                WriteText(stream, FormattableString.Invariant($"ORIGIN {grid.Origin.X:R} {grid.Origin.Y:R} {grid.Origin.Z:R}\n"));
                WriteText(stream, FormattableString.Invariant($"SPACING {grid.BlockSize.X:R} {grid.BlockSize.Y:R} {grid.BlockSize.Z:R}\n"));
            }
            else
            {
                long points = (long)(grid.CountX + 1) * (grid.CountY + 1) * (grid.CountZ + 1);
                WriteText(stream, "DATASET STRUCTURED_GRID\n" + dimensions + FormattableString.Invariant($"POINTS {points} double\n"));
                WriteCorners(stream, grid, cancellationToken);
                WriteText(stream, "\n");
            }

            WriteText(stream, FormattableString.Invariant($"CELL_DATA {grid.BlockCount}\n"));
            WriteCells(stream, model, "active", row => 1.0, 0.0, cancellationToken);
            foreach (BlockAttribute attribute in selected)
            {
                WriteCells(stream, model, attribute.Name, attribute.GetDouble, double.NaN, cancellationToken);
            }
        });
    }

    private static void WriteCorners(Stream stream, GridDefinition grid, CancellationToken cancellationToken)
    {
        var writer = new BigEndianWriter(stream);
        for (int k = 0; k <= grid.CountZ; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int j = 0; j <= grid.CountY; j++)
            {
                for (int i = 0; i <= grid.CountX; i++)
                {
                    Point3 p = grid.ToWorld(new Point3(i * grid.BlockSize.X, j * grid.BlockSize.Y, k * grid.BlockSize.Z));
                    writer.Add(p.X);
                    writer.Add(p.Y);
                    writer.Add(p.Z);
                }
            }
        }

        writer.Flush();
    }

    private static void WriteCells(Stream stream, BlockModel model, string name, Func<int, double> valueOfRow, double inactive, CancellationToken cancellationToken)
    {
        WriteText(stream, $"SCALARS {name} double 1\nLOOKUP_TABLE default\n");
        var writer = new BigEndianWriter(stream);
        int row = 0;
        for (int block = 0; block < model.Grid.BlockCount; block++)
        {
            if ((block & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Rows are in ascending block order, so one pass pairs each block with its row, if any.
            if (row < model.Count && model.BlockOf(row) == block)
            {
                writer.Add(valueOfRow(row));
                row++;
            }
            else
            {
                writer.Add(inactive);
            }
        }

        writer.Flush();
        WriteText(stream, "\n");
    }

    private static void WriteText(Stream stream, string text) => stream.Write(Encoding.ASCII.GetBytes(text));

    /// <summary>Buffers big-endian doubles and writes them in large blocks.</summary>
    private sealed class BigEndianWriter(Stream stream)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _used;

        public void Add(double value)
        {
            if (_used == _buffer.Length)
            {
                Flush();
            }

            BinaryPrimitives.WriteDoubleBigEndian(_buffer.AsSpan(_used), value);
            _used += sizeof(double);
        }

        public void Flush()
        {
            stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
