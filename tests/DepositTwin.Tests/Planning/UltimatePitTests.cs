using System.IO.Compression;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Planning;
using DepositTwin.Tests.Reference;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Planning;

public class UltimatePitTests
{
    private static IReadOnlyList<IReadOnlyList<int>> Lists(Precedence precedence) =>
        Enumerable.Range(0, precedence.BlockCount).Select(b => (IReadOnlyList<int>)precedence.Predecessors(b).ToList()).ToList();

    private static void AssertClosed(PitSolution pit, Precedence precedence)
    {
        for (int b = 0; b < precedence.BlockCount; b++)
        {
            if (pit.InPit[b])
            {
                Assert.All(precedence.Predecessors(b), p => Assert.True(pit.InPit[p], $"block {b} is mined without {p}"));
            }
        }
    }

    [Fact]
    public void A_two_dimensional_pit_by_hand()
    {
        // 5 × 1 × 3 blocks, 1:5 pattern (45°): one rich block at the bottom centre pays for the cone above it.
        double[] values =
        [
            -1, -1, 10, -1, -1,   // bottom bench
            -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1,   // top bench
        ];
        var precedence = Precedence.Grid(5, 1, 3, PrecedencePattern.OneFive);
        PitSolution pit = UltimatePit.Solve(values, precedence);
        Assert.Equal([2, 6, 7, 8, 10, 11, 12, 13, 14], pit.Blocks());
        Assert.Equal(10 - 8, pit.Value);
        AssertClosed(pit, precedence);

        values[2] = 7; // no longer pays for its 8 blocks of waste
        Assert.Equal(0, UltimatePit.Solve(values, precedence).BlockCount);
    }

    public static Arbitrary<(int Nx, int Ny, int Nz, int[] Values)> TinyModels() =>
        (from nx in Gen.Choose(1, 4)
         from ny in Gen.Choose(1, 2)
         from nz in Gen.Choose(1, 3)
         where nx * ny * nz <= 16
         from v in Gen.ArrayOf(Gen.Choose(-6, 5), nx * ny * nz)
         select (nx, ny, nz, v)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Tiny_pits_equal_brute_force_enumeration_and_satisfy_every_precedence() =>
        Prop.ForAll(TinyModels(), m =>
        {
            var precedence = Precedence.Grid(m.Nx, m.Ny, m.Nz, PrecedencePattern.OneNine);
            double[] values = m.Values.Select(v => (double)v).ToArray();
            PitSolution pit = UltimatePit.Solve(values, precedence);
            AssertClosed(pit, precedence);
            return pit.Value == NaiveClosure.BruteForce(values, Lists(precedence));
        });

    public static Arbitrary<(int Nx, int Ny, int Nz, long[] Values, int Pattern)> SmallModels() =>
        (from nx in Gen.Choose(3, 9)
         from ny in Gen.Choose(1, 7)
         from nz in Gen.Choose(2, 6)
         from v in Gen.ArrayOf(Gen.Frequency((3, Gen.Choose(-50, -1)), (1, Gen.Choose(0, 300))), nx * ny * nz)
         from pattern in Gen.Choose(0, 2)
         select (nx, ny, nz, v.Select(x => (long)x).ToArray(), pattern)).ToArbitrary();

    [Property(MaxTest = 100)]
    public Property Small_pits_equal_a_textbook_max_flow() =>
        Prop.ForAll(SmallModels(), m =>
        {
            PrecedencePattern pattern = m.Pattern switch
            {
                0 => PrecedencePattern.OneFive,
                1 => PrecedencePattern.KnightsMove,
                _ => PrecedencePattern.MinimumSearch(new Point3(10, 10, 10), SlopeProfile.Constant(45), 4),
            };
            var precedence = Precedence.Grid(m.Nx, m.Ny, m.Nz, pattern);
            PitSolution pit = UltimatePit.Solve(m.Values.Select(v => (double)v).ToArray(), precedence);
            AssertClosed(pit, precedence);
            return (long)pit.Value == NaiveClosure.EdmondsKarp(m.Values, Lists(precedence));
        });

    [Property(MaxTest = 60)]
    public Property Explicit_precedence_gives_the_same_pit_as_its_pattern() =>
        Prop.ForAll(SmallModels(), m =>
        {
            var grid = Precedence.Grid(m.Nx, m.Ny, m.Nz, PrecedencePattern.KnightsMove);
            var explicitArcs = Precedence.Explicit(Lists(grid));
            double[] values = m.Values.Select(v => (double)v).ToArray();
            return UltimatePit.Solve(values, grid).Value == UltimatePit.Solve(values, explicitArcs).Value;
        });

    [Fact]
    public void Bauxitemed_at_45_degrees_with_the_nine_bench_minimum_search_pattern_matches_MineFlow()
    {
        double[] values = ReadBauxitemed();
        Assert.Equal(374_400, values.Length);
        var pattern = PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), SlopeProfile.Constant(45), 9);
        PitSolution pit = UltimatePit.Solve(values, Precedence.Grid(120, 120, 26, pattern));
        Assert.Equal(74_587, pit.BlockCount);
        Assert.Equal(28_288_679, pit.Value);
    }

    internal static double[] ReadBauxitemed()
    {
        using var gz = new GZipStream(File.OpenRead(ReferenceData.File("bauxitemed", "bauxitemed.dat.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var values = new List<double>(374_400);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                values.Add(double.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return [.. values];
    }

    [Fact]
    public void The_minimum_search_pattern_covers_the_cone_with_few_arcs()
    {
        var slopes = SlopeProfile.Constant(45);
        var pattern = PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), slopes, 9);
        // The first bench of a 45° pattern on cubes is the 1:5 pattern; 25 arcs reach 9 benches.
        Assert.Equal(PrecedencePattern.OneFive.Offsets.OrderBy(o => (o.DJ, o.DI)), pattern.Offsets.Where(o => o.DK == 1).OrderBy(o => (o.DJ, o.DI)));
        Assert.Equal(25, pattern.Offsets.Count);
        // The closure of the pattern covers every block of the 45° cone up to 9 benches.
        var reach = new HashSet<PatternOffset> { new(0, 0, 0) };
        for (int k = 1; k <= 9; k++)
        {
            foreach (PatternOffset o in pattern.Offsets.Where(o => o.DK <= k))
            {
                foreach (PatternOffset from in reach.Where(r => r.DK == k - o.DK).ToList())
                {
                    reach.Add(new PatternOffset(from.DI + o.DI, from.DJ + o.DJ, k));
                }
            }
        }

        for (int k = 1; k <= 9; k++)
        {
            for (int j = -k; j <= k; j++)
            {
                for (int i = -k; i <= k; i++)
                {
                    if (i * i + j * j <= k * k)
                    {
                        Assert.Contains(new PatternOffset(i, j, k), reach);
                    }
                }
            }
        }

        // Steeper walls on one side: a 60° sector to the north needs fewer arcs than 45° all round.
        var sectors = SlopeProfile.BySector([(0, 60), (90, 45), (180, 45), (270, 45)]);
        Assert.Equal(52.5, sectors.SlopeAt(45), 1e-12);
        Assert.Equal(52.5, sectors.SlopeAt(315), 1e-12);
        Assert.True(PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), sectors, 9).Offsets.Count <= pattern.Offsets.Count);
        // Flat blocks (20 × 20 × 10 m) at 45°: the first bench needs no side blocks.
        Assert.Equal([new PatternOffset(0, 0, 1)], PrecedencePattern.MinimumSearch(new Point3(20, 20, 10), slopes, 1).Offsets);
    }

    [Fact]
    public void Bad_precedence_names_the_block()
    {
        var cycle = Assert.Throws<ArgumentException>(() => Precedence.Explicit([[1], [2], [0]]));
        Assert.Contains("cycle", cycle.Message, StringComparison.Ordinal);
        Assert.Contains("block 7", Assert.Throws<ArgumentException>(() => Precedence.Explicit([[7]])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PrecedencePattern.FromOffsets([new PatternOffset(0, 0, 0)]));
        Assert.Throws<ArgumentException>(() => UltimatePit.Solve([1.0, 2.0], Precedence.Grid(3, 1, 1, PrecedencePattern.OneFive)));
    }

    [Fact]
    public void A_block_model_pit_treats_air_as_free_and_flags_the_blocks()
    {
        var grid = new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 5, 1, 3);
        // The top bench at the edges is air.
        var model = BlockModel.WithActiveBlocks(grid, c => !(c.Z > 20 && (c.X < 10 || c.X > 40)));
        DoubleAttribute value = model.AddDouble("value");
        for (int row = 0; row < model.Count; row++)
        {
            value[row] = model.IndexOf(row) is { I: 2, K: 0 } ? 7 : -1;
        }

        PitSolution pit = UltimatePit.SolveModel(model, "value", PrecedencePattern.OneFive);
        Assert.Equal(7 - 6, pit.Value); // the two air blocks cost nothing
        IntegerAttribute flag = model.GetInteger("pit");
        Assert.Equal(pit.BlockCount - 2, flag.Values.ToArray().Sum());
    }
}
