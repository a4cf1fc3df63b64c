using DepositTwin.IO;
using DepositTwin.Planning;
using DepositTwin.Tests.Reference;

namespace DepositTwin.Tests.Planning;

/// <summary>MineLib files written here (the real instances are not redistributable; their optima are checked elsewhere).</summary>
public class MineLibTests
{
    // Six blocks in two benches: 3, 4, 5 on top; 0 needs 3 and 4, 1 needs 3, 4, 5, 2 needs 4 and 5.
    private const string Prec = """
        % block  count  predecessors
        0 2 3 4
        1 3 3 4 5
        2 2 4 5
        3 0
        4 0
        5 0
        """;

    private const string Upit = """
        NAME: tiny
        TYPE: UPIT
        NBLOCKS: 6
        OBJECTIVE_FUNCTION:
        0 10
        1 -2
        2 4
        3 -3
        4 -3
        5 -3
        EOF
        """;

    [Fact]
    public void An_ultimate_pit_from_MineLib_files_is_solved_and_written()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("tiny.prec"), Prec);
        File.WriteAllText(folder.File("tiny.upit"), Upit);
        MineLibProblem problem = MineLib.ReadProblem(folder.File("tiny.upit"));
        Precedence precedence = MineLib.ReadPrecedence(folder.File("tiny.prec"), problem.BlockCount);
        Assert.Equal((MineLibProblemType.Upit, 6, "tiny"), (problem.Type, problem.BlockCount, problem.Name));

        PitSolution pit = UltimatePit.Solve(problem.BestValues(), precedence);
        double[] values = problem.BestValues();
        var lists = Enumerable.Range(0, 6).Select(b => (IReadOnlyList<int>)precedence.Predecessors(b).ToList()).ToList();
        Assert.Equal(NaiveClosure.BruteForce(values, lists), pit.Value);
        Assert.Equal([0, 2, 3, 4, 5], pit.Blocks());   // 10 + 4 − 9 = 5; block 1 is not worth it

        MineLib.WriteUpitSolution(folder.File("tiny.sol"), pit);
        Assert.Equal(["0", "2", "3", "4", "5"], File.ReadAllLines(folder.File("tiny.sol")));
    }

    [Fact]
    public void Blocks_files_keep_their_columns()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("tiny.blocks"), "1 1 0 0 2.5 100\n0 0 0 0 0.5 100\n% comment\n2 2 0 0 1.5 100\n");
        var blocks = MineLib.ReadBlocks(folder.File("tiny.blocks"));
        Assert.Equal((0, 0, 0), (blocks[0].X, blocks[0].Y, blocks[0].Z));
        Assert.Equal([2.5, 100], blocks[1].Attributes);
        File.WriteAllText(folder.File("gap.blocks"), "0 0 0 0\n2 0 0 0\n");
        Assert.Equal("id", Assert.Throws<DataFormatException>(() => MineLib.ReadBlocks(folder.File("gap.blocks"))).Field);
    }

    [Theory]
    [InlineData("0 2 3\n", 1, "count")]                 // says 2 predecessors, lists 1
    [InlineData("0 1 9\n", 1, "predecessor 1")]         // id out of range
    [InlineData("0 1 3\n0 1 4\n", 2, "block")]          // a block twice
    [InlineData("7 0\n", 1, "block")]
    public void Bad_precedence_lines_name_the_file_line_and_field(string text, long line, string field)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("bad.prec"), text);
        var e = Assert.Throws<DataFormatException>(() => MineLib.ReadPrecedence(folder.File("bad.prec"), 6));
        Assert.Equal((folder.File("bad.prec"), line, field), (e.FilePath, e.Line, e.Field));
    }

    [Fact]
    public void A_precedence_cycle_is_refused_with_the_file_named()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("cycle.prec"), "0 1 1\n1 1 2\n2 1 0\n");
        var e = Assert.Throws<ArgumentException>(() => MineLib.ReadPrecedence(folder.File("cycle.prec"), 3));
        Assert.Contains("cycle.prec", e.Message, StringComparison.Ordinal);
        Assert.Contains("cycle", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NAME: x\nTYPE: UPIT\nNBLOCKS: 3\nOBJECTIVE_FUNCTION:\n0 1\n1 2\n", "OBJECTIVE_FUNCTION")] // block 2 missing
    [InlineData("NAME: x\nTYPE: UPIT\nNBLOCKS: 2\nOBJECTIVE_FUNCTION:\n0 1\n1 abc\n", "value")]
    [InlineData("NAME: x\nTYPE: XPIT\nNBLOCKS: 1\nOBJECTIVE_FUNCTION:\n0 1\n", "TYPE")]
    [InlineData("NAME: x\nTYPE: UPIT\nOBJECTIVE_FUNCTION:\n0 1\n", "NBLOCKS")]
    [InlineData("NAME: x\nTYPE: UPIT\nNBLOCKS: 1\n0 1\n", "0")]
    public void Bad_problem_files_name_the_field(string text, string field)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("bad.upit"), text);
        Assert.Equal(field, Assert.Throws<DataFormatException>(() => MineLib.ReadProblem(folder.File("bad.upit"))).Field);
    }

    private const string Cpit = """
        NAME: tiny_cpit
        TYPE: CPIT
        NBLOCKS: 6
        NPERIODS: 3
        NRESOURCE_SIDE_CONSTRAINTS: 1
        DISCOUNT_RATE: 0.10
        RESOURCE_CONSTRAINT_LIMITS:
        0 0 L 3
        0 1 L 3
        0 2 I 0 3
        OBJECTIVE_FUNCTION:
        0 10
        1 -2
        2 4
        3 -3
        4 -3
        5 -3
        RESOURCE_CONSTRAINT_COEFFICIENTS:
        0 0 1
        1 0 1
        2 0 1
        3 0 1
        4 0 1
        5 0 1
        EOF
        """;

    [Fact]
    public void A_CPIT_schedule_keeps_precedence_and_limits_and_stays_below_its_bound()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("tiny.prec"), Prec);
        File.WriteAllText(folder.File("tiny.cpit"), Cpit);
        MineLibProblem problem = MineLib.ReadProblem(folder.File("tiny.cpit"));
        Assert.Equal((3, 1, 0.10), (problem.Periods, problem.Resources, problem.DiscountRate));
        Assert.Equal(LimitSense.Between, problem.Limits[2].Sense);
        Precedence precedence = MineLib.ReadPrecedence(folder.File("tiny.prec"), 6);

        CpitSchedule schedule = CpitHeuristic.Solve(problem, precedence);
        for (int b = 0; b < 6; b++)
        {
            if (schedule.PeriodOfBlock[b] >= 0)
            {
                Assert.All(precedence.Predecessors(b), p => Assert.InRange(schedule.PeriodOfBlock[p], 0, schedule.PeriodOfBlock[b]));
            }
        }

        for (int t = 0; t < 3; t++)
        {
            Assert.True(schedule.PeriodOfBlock.Count(p => p == t) <= 3);
        }

        Assert.Equal(5, schedule.UpperBound);
        // Three blocks a period: block 0 with the two blocks it needs first (10 − 6), then 5 and 2 (4 − 3, discounted once).
        // Block 1 is outside the ultimate pit.
        Assert.Equal([0, -1, 1, 0, 0, 1], schedule.PeriodOfBlock);
        Assert.Equal(4 + 1 / 1.1, schedule.Objective, 1e-12);
        Assert.True(schedule.Objective <= schedule.UpperBound);

        MineLib.WriteCpitSolution(folder.File("tiny_cpit.sol"), schedule.PeriodOfBlock);
        Assert.Equal(["0 0", "2 1", "3 0", "4 0", "5 1"], File.ReadAllLines(folder.File("tiny_cpit.sol")));
    }

    [Fact]
    public void PCPSP_files_read_with_destinations()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("t.pcpsp"), """
            NAME: t
            TYPE: PCPSP
            NBLOCKS: 2
            NPERIODS: 1
            NDESTINATIONS: 2
            NRESOURCE_SIDE_CONSTRAINTS: 1
            NGENERAL_SIDE_CONSTRAINTS: 0
            DISCOUNT_RATE: 0.08
            RESOURCE_CONSTRAINT_LIMITS:
            0 0 L 10
            OBJECTIVE_FUNCTION:
            0 -1 5
            1 -1 -3
            RESOURCE_CONSTRAINT_COEFFICIENTS:
            0 1 0 2
            1 1 0 2
            EOF
            """);
        MineLibProblem p = MineLib.ReadProblem(folder.File("t.pcpsp"));
        Assert.Equal((MineLibProblemType.Pcpsp, 2), (p.Type, p.Destinations));
        Assert.Equal([5.0, -1], p.BestValues());
        Assert.Equal(new ResourceUse(0, 1, 0, 2), p.Uses[0]);
    }
}
