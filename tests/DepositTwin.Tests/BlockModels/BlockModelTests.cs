using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.BlockModels;

public class BlockModelTests
{
    private static readonly GridDefinition Grid = new(new Point3(0, 0, 0), new Point3(10, 10, 5), 6, 4, 5);

    [Fact]
    public void A_full_model_has_one_row_per_block_in_linear_order()
    {
        var model = new BlockModel(Grid);
        Assert.True(model.IsFull);
        Assert.Equal(120, model.Count);
        Assert.Equal(37, model.RowOf(37));
        Assert.Equal(37, model.BlockOf(37));
        Assert.Equal(Grid.Centroid(37), model.Centroid(37));
    }

    [Fact]
    public void Inactive_blocks_have_no_row()
    {
        var model = BlockModel.WithActiveBlocks(Grid, [50, 3, 7]);
        Assert.False(model.IsFull);
        Assert.Equal(3, model.Count);
        Assert.Equal(new[] { 3, 7, 50 }, Enumerable.Range(0, 3).Select(model.BlockOf));
        Assert.Equal(1, model.RowOf(7));
        Assert.Equal(-1, model.RowOf(8));
        Assert.False(model.IsActive(0));
        Assert.Equal(Grid.ToBlockIndex(50), model.IndexOf(2));
    }

    [Fact]
    public void Repeated_or_outside_active_blocks_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => BlockModel.WithActiveBlocks(Grid, [1, 2, 1]));
        Assert.Throws<ArgumentException>(() => BlockModel.WithActiveBlocks(Grid, [120]));
    }

    [Fact]
    public void Active_blocks_can_be_chosen_by_centroid()
    {
        var model = BlockModel.WithActiveBlocks(Grid, c => c.Z < 10); // below the topography at z = 10
        Assert.Equal(2 * 24, model.Count);
        Assert.Equal(0, model.Bench(2).Count);
    }

    [Fact]
    public void Attributes_start_missing_and_keep_their_metadata()
    {
        var model = new BlockModel(Grid);
        DoubleAttribute cu = model.AddDouble("Cu", "%", "copper grade");
        IntegerAttribute domain = model.AddInteger("domain");
        Assert.Equal(120, cu.MissingCount());
        Assert.Equal(120, domain.MissingCount());
        Assert.True(double.IsNaN(domain.GetDouble(0)));
        cu[5] = 0.42;
        domain[5] = 2;
        Assert.Equal(0.42, model.GetDouble("cu")[5]);
        Assert.Equal(2, model.GetInteger("DOMAIN")[5]);
        Assert.Equal("%", model["Cu"].Unit);
        Assert.Equal("copper grade", model["Cu"].Description);
        Assert.Equal(AttributeKind.Integer, model["domain"].Kind);
        Assert.Equal(new[] { "Cu", "domain" }, model.Attributes.Select(a => a.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Cu grade")]
    [InlineData("a,b")]
    [InlineData("a;b")]
    [InlineData("\"q\"")]
    public void Invalid_attribute_names_are_rejected(string name)
    {
        var model = new BlockModel(Grid);
        Assert.Throws<ArgumentException>(() => model.AddDouble(name));
    }

    [Fact]
    public void Names_are_unique_ignoring_case_and_lookups_say_what_exists()
    {
        var model = new BlockModel(Grid);
        model.AddDouble("Cu");
        Assert.Throws<ArgumentException>(() => model.AddInteger("CU"));
        var e = Assert.Throws<KeyNotFoundException>(() => model["Au"]);
        Assert.Contains("Cu", e.Message);
        Assert.Throws<InvalidOperationException>(() => model.GetInteger("Cu"));
        Assert.True(model.Remove("cu"));
        Assert.False(model.Contains("Cu"));
    }

    [Fact]
    public void Selections_by_code_and_mask_hold_exactly_the_matching_rows()
    {
        var model = new BlockModel(Grid);
        IntegerAttribute domain = model.AddInteger("domain");
        for (int row = 0; row < model.Count; row++)
        {
            domain[row] = row % 3;
        }

        BlockSelection ones = model.WhereCode("domain", 1);
        Assert.Equal(Enumerable.Range(0, 120).Where(r => r % 3 == 1), ones.ToArray());
        bool[] mask = Enumerable.Range(0, 120).Select(r => r > 100).ToArray();
        Assert.Equal(Enumerable.Range(101, 19), model.Where(mask).ToArray());
        Assert.Throws<ArgumentException>(() => model.Where(new bool[3]));
    }

    private static Arbitrary<bool[]> Masks =>
        Gen.ArrayOf(Gen.Elements(true, false, false), Grid.BlockCount).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Bench_views_are_the_rows_whose_k_matches() =>
        Prop.ForAll(Masks, mask =>
        {
            var model = BlockModel.WithActiveBlocks(Grid, Enumerable.Range(0, mask.Length).Where(b => mask[b]));
            for (int k = 0; k < Grid.CountZ; k++)
            {
                BlockSelection bench = model.Bench(k);
                Assert.True(bench.IsContiguous);
                int[] expected = Enumerable.Range(0, model.Count).Where(r => model.IndexOf(r).K == k).ToArray();
                Assert.Equal(expected, bench.ToArray());
                var viaEnumerator = new List<int>();
                foreach (int row in bench)
                {
                    viaEnumerator.Add(row);
                }

                Assert.Equal(expected, viaEnumerator);
            }
        });

    [Property(MaxTest = 100)]
    public Property RowOf_inverts_BlockOf_and_marks_inactive_blocks() =>
        Prop.ForAll(Masks, mask =>
        {
            var model = BlockModel.WithActiveBlocks(Grid, Enumerable.Range(0, mask.Length).Where(b => mask[b]));
            for (int b = 0; b < Grid.BlockCount; b++)
            {
                int row = model.RowOf(b);
                Assert.Equal(mask[b], row >= 0);
                if (row >= 0)
                {
                    Assert.Equal(b, model.BlockOf(row));
                }
            }
        });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(-1)]
    public void ParallelFor_visits_every_row_exactly_once(int threads)
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(1, 1, 1), 100, 100, 3));
        IntegerAttribute visits = model.AddInteger("visits", fill: 0);
        model.All.ParallelFor(row => visits[row]++, maxDegreeOfParallelism: threads);
        Assert.All(Enumerable.Range(0, model.Count), row => Assert.Equal(1, visits[row]));
    }

    [Fact]
    public void ParallelFor_honours_cancellation()
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(1, 1, 1), 100, 100, 3));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => model.All.ParallelFor(_ => { }, cancel.Token));
    }

    [Fact]
    public void Chunks_and_slices_partition_a_selection_in_order()
    {
        var model = BlockModel.WithActiveBlocks(Grid, Enumerable.Range(0, 120).Where(b => b % 2 == 0));
        BlockSelection all = model.Where(r => r % 5 != 0);
        IReadOnlyList<BlockSelection> chunks = all.Chunks(7);
        Assert.Equal(all.ToArray(), chunks.SelectMany(c => c.ToArray()));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(7, c.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => all.Slice(0, all.Count + 1));
    }

    [Fact]
    public void Storage_is_eight_bytes_per_block_per_double_attribute()
    {
        // 1M blocks × 8 double attributes: the columns and nothing proportional to blocks beside them.
        var grid = new GridDefinition(Point3.Zero, new Point3(5, 5, 5), 100, 100, 100);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var model = new BlockModel(grid);
        for (int a = 0; a < 8; a++)
        {
            model.AddDouble($"grade{a}");
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        long columns = 8L * sizeof(double) * grid.BlockCount;
        Assert.InRange(bytes, columns, columns + 64 * 1024);
        GC.KeepAlive(model);
    }
}
