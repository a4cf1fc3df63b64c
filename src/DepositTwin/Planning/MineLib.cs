using System.Globalization;
using DepositTwin.IO;

namespace DepositTwin.Planning;

/// <summary>The kind of a MineLib optimisation model.</summary>
public enum MineLibProblemType
{
    /// <summary>Ultimate pit: one value per block, no periods.</summary>
    Upit,

    /// <summary>Constrained pit limit: periods, a discount rate, resource limits per period.</summary>
    Cpit,

    /// <summary>Precedence-constrained production scheduling: as CPIT with several destinations per block.</summary>
    Pcpsp,
}

/// <summary>The sense of a MineLib resource limit.</summary>
public enum LimitSense
{
    /// <summary>Use ≤ the limit (L).</summary>
    AtMost,

    /// <summary>Use ≥ the limit (G).</summary>
    AtLeast,

    /// <summary>Use within [lower, upper] (I).</summary>
    Between,
}

/// <summary>One resource limit of one period.</summary>
/// <param name="Resource">Resource index.</param>
/// <param name="Period">Period index.</param>
/// <param name="Sense">L, G or I.</param>
/// <param name="Lower">Lower limit (−∞ for L).</param>
/// <param name="Upper">Upper limit (+∞ for G).</param>
public readonly record struct ResourceLimit(int Resource, int Period, LimitSense Sense, double Lower, double Upper);

/// <summary>How much of a resource a block uses when sent to a destination.</summary>
/// <param name="Block">Block id.</param>
/// <param name="Destination">Destination (0 for CPIT).</param>
/// <param name="Resource">Resource index.</param>
/// <param name="Amount">The coefficient.</param>
public readonly record struct ResourceUse(int Block, int Destination, int Resource, double Amount);

/// <summary>A MineLib optimisation model (.upit, .cpit or .pcpsp).</summary>
public sealed class MineLibProblem
{
    internal MineLibProblem(string name, MineLibProblemType type, int blocks, int periods, int destinations, double discountRate,
        double[][] objective, IReadOnlyList<ResourceLimit> limits, IReadOnlyList<ResourceUse> uses, int resources)
    {
        Name = name;
        Type = type;
        BlockCount = blocks;
        Periods = periods;
        Destinations = destinations;
        DiscountRate = discountRate;
        Objective = objective;
        Limits = limits;
        Uses = uses;
        Resources = resources;
    }

    /// <summary>The instance name.</summary>
    public string Name { get; }

    /// <summary>UPIT, CPIT or PCPSP.</summary>
    public MineLibProblemType Type { get; }

    /// <summary>Number of blocks.</summary>
    public int BlockCount { get; }

    /// <summary>Number of periods (1 for UPIT).</summary>
    public int Periods { get; }

    /// <summary>Number of destinations (1 for UPIT and CPIT).</summary>
    public int Destinations { get; }

    /// <summary>Discount rate per period (0 for UPIT).</summary>
    public double DiscountRate { get; }

    /// <summary>Per block, the undiscounted value at each destination.</summary>
    public IReadOnlyList<double[]> Objective { get; }

    /// <summary>Number of resources.</summary>
    public int Resources { get; }

    /// <summary>Resource limits per period.</summary>
    public IReadOnlyList<ResourceLimit> Limits { get; }

    /// <summary>Resource use per block (and destination).</summary>
    public IReadOnlyList<ResourceUse> Uses { get; }

    /// <summary>Each block's value at its best destination: the ultimate pit's block values.</summary>
    public double[] BestValues() => Objective.Select(v => v.Max()).ToArray();
}

/// <summary>
/// Reads and writes the MineLib formats (Espinoza et al. 2012): <c>.blocks</c>, <c>.prec</c>, <c>.upit</c>,
/// <c>.cpit</c>, <c>.pcpsp</c>, and solution files. Ids are 0-based; <c>%</c> starts a comment; fields are
/// separated by spaces, tabs or ':'; keywords may carry underscores or not. Errors name the file and line.
/// </summary>
public static class MineLib
{
    /// <summary>Reads a <c>.blocks</c> file: <c>id x y z</c> then any attributes, one block per line, ids 0 … n − 1 in any order.</summary>
    /// <returns>Per block, its coordinates and attribute values (the meaning of the columns is the instance's own).</returns>
    public static IReadOnlyList<(int X, int Y, int Z, double[] Attributes)> ReadBlocks(string path)
    {
        var rows = new SortedDictionary<int, (int, int, int, double[])>();
        foreach ((long line, string[] fields) in Records(path))
        {
            if (fields.Length < 4)
            {
                throw new DataFormatException(path, line, "", $"A block line needs id x y z; it has {fields.Length} fields.");
            }

            int id = Integer(path, line, fields[0], "id");
            if (!rows.TryAdd(id, (Integer(path, line, fields[1], "x"), Integer(path, line, fields[2], "y"), Integer(path, line, fields[3], "z"),
                    fields.Skip(4).Select((f, i) => Number(path, line, f, $"attribute {i}")).ToArray())))
            {
                throw new DataFormatException(path, line, "id", $"Block {id} appears twice.");
            }
        }

        if (rows.Count > 0 && (rows.Keys.First() != 0 || rows.Keys.Last() != rows.Count - 1))
        {
            throw new DataFormatException(path, 0, "id", $"Block ids must run 0 … {rows.Count - 1}; they run {rows.Keys.First()} … {rows.Keys.Last()}.");
        }

        return [.. rows.Values];
    }

    /// <summary>Reads a <c>.prec</c> file: <c>block count p₁ … p_count</c> (each p must be mined before the block).</summary>
    /// <param name="path">The file.</param>
    /// <param name="blockCount">Number of blocks (blocks without a line have no predecessors).</param>
    /// <exception cref="DataFormatException">A count disagrees with its line, an id is out of range, or a block is listed twice.</exception>
    /// <exception cref="ArgumentException">The arcs form a cycle.</exception>
    public static Precedence ReadPrecedence(string path, int blockCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blockCount);
        var lists = new List<int>[blockCount];
        foreach ((long line, string[] fields) in Records(path))
        {
            int block = Id(path, line, fields[0], "block", blockCount);
            if (fields.Length < 2)
            {
                throw new DataFormatException(path, line, "count", "A precedence line needs the block and its number of predecessors.");
            }

            int count = Integer(path, line, fields[1], "count");
            if (count != fields.Length - 2)
            {
                throw new DataFormatException(path, line, "count", $"Block {block} says {count} predecessors but the line lists {fields.Length - 2}.");
            }

            if (lists[block] is not null)
            {
                throw new DataFormatException(path, line, "block", $"Block {block} has a second precedence line.");
            }

            lists[block] = fields.Skip(2).Select((f, i) => Id(path, line, f, $"predecessor {i + 1}", blockCount)).ToList();
        }

        try
        {
            return Precedence.Explicit(lists.Select(l => (IReadOnlyList<int>)(l ?? [])).ToList());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{path}: {e.Message}", nameof(path), e);
        }
    }

    /// <summary>Reads a <c>.upit</c>, <c>.cpit</c> or <c>.pcpsp</c> file.</summary>
    /// <exception cref="DataFormatException">A header is missing or wrong, a count disagrees with the data, or a value is malformed.</exception>
    public static MineLibProblem ReadProblem(string path)
    {
        var header = new Dictionary<string, (string Value, long Line)>(StringComparer.Ordinal);
        string section = "";
        var objectiveLines = new List<(long Line, string[] Fields)>();
        var limitLines = new List<(long Line, string[] Fields)>();
        var useLines = new List<(long Line, string[] Fields)>();
        foreach ((long line, string[] fields) in Records(path))
        {
            string key = Keyword(fields[0]);
            switch (key)
            {
                case "NAME" or "TYPE" or "NBLOCKS" or "NPERIODS" or "NDESTINATIONS" or "NRESOURCESIDECONSTRAINTS" or "NGENERALSIDECONSTRAINTS" or "DISCOUNTRATE":
                    header[key] = (fields.Length > 1 ? string.Join(' ', fields.Skip(1)) : "", line);
                    section = "";
                    continue;
                case "OBJECTIVEFUNCTION" or "RESOURCECONSTRAINTLIMITS" or "RESOURCECONSTRAINTCOEFFICIENTS" or "GENERALCONSTRAINTLIMITS" or "GENERALCONSTRAINTCOEFFICIENTS":
                    section = key;
                    continue;
                case "EOF":
                    section = "EOF";
                    continue;
            }

            switch (section)
            {
                case "OBJECTIVEFUNCTION": objectiveLines.Add((line, fields)); break;
                case "RESOURCECONSTRAINTLIMITS": limitLines.Add((line, fields)); break;
                case "RESOURCECONSTRAINTCOEFFICIENTS": useLines.Add((line, fields)); break;
                case "GENERALCONSTRAINTLIMITS" or "GENERALCONSTRAINTCOEFFICIENTS":
                    throw new DataFormatException(path, line, section, "General side constraints are not supported.");
                default: throw new DataFormatException(path, line, fields[0], $"'{fields[0]}' is not a MineLib keyword, and no section is open.");
            }
        }

        string Header(string key, string fallback) => header.TryGetValue(key, out var v) ? v.Value : fallback;
        int HeaderInt(string key, int fallback) => header.TryGetValue(key, out var v) ? Integer(path, v.Line, v.Value, key) : fallback;
        string typeText = Keyword(Header("TYPE", ""));
        MineLibProblemType type = typeText switch
        {
            "UPIT" => MineLibProblemType.Upit,
            "CPIT" => MineLibProblemType.Cpit,
            "PCPSP" => MineLibProblemType.Pcpsp,
            _ => throw new DataFormatException(path, header.TryGetValue("TYPE", out var t) ? t.Line : 0, "TYPE", $"TYPE must be UPIT, CPIT or PCPSP; got '{Header("TYPE", "")}'."),
        };
        if (!header.ContainsKey("NBLOCKS"))
        {
            throw new DataFormatException(path, 0, "NBLOCKS", "The NBLOCKS header is missing.");
        }

        int blocks = HeaderInt("NBLOCKS", 0), periods = HeaderInt("NPERIODS", 1), destinations = HeaderInt("NDESTINATIONS", 1);
        int resources = HeaderInt("NRESOURCESIDECONSTRAINTS", 0);
        double rate = header.TryGetValue("DISCOUNTRATE", out var r) ? Number(path, r.Line, r.Value, "DISCOUNT_RATE") : 0;
        if (HeaderInt("NGENERALSIDECONSTRAINTS", 0) > 0)
        {
            throw new DataFormatException(path, header["NGENERALSIDECONSTRAINTS"].Line, "NGENERAL_SIDE_CONSTRAINTS", "General side constraints are not supported.");
        }

        var objective = new double[blocks][];
        foreach ((long line, string[] f) in objectiveLines)
        {
            int b = Id(path, line, f[0], "block", blocks);
            if (f.Length != 1 + destinations)
            {
                throw new DataFormatException(path, line, "OBJECTIVE_FUNCTION", $"Block {b} needs {destinations} value(s); the line has {f.Length - 1}.");
            }

            if (objective[b] is not null)
            {
                throw new DataFormatException(path, line, "OBJECTIVE_FUNCTION", $"Block {b} has a second objective line.");
            }

            objective[b] = f.Skip(1).Select(v => Number(path, line, v, "value")).ToArray();
        }

        int missing = Array.FindIndex(objective, o => o is null);
        if (missing >= 0)
        {
            throw new DataFormatException(path, 0, "OBJECTIVE_FUNCTION", $"NBLOCKS is {blocks} but block {missing} has no objective line ({objectiveLines.Count} lines).");
        }

        var limits = limitLines.Select(l => Limit(path, l.Line, l.Fields, resources, periods)).ToList();
        int coefficientFields = type == MineLibProblemType.Pcpsp ? 4 : 3;
        var uses = useLines.Select(l =>
        {
            if (l.Fields.Length != coefficientFields)
            {
                throw new DataFormatException(path, l.Line, "RESOURCE_CONSTRAINT_COEFFICIENTS", $"A coefficient line has {coefficientFields} fields here; it has {l.Fields.Length}.");
            }

            int d = coefficientFields == 4 ? Id(path, l.Line, l.Fields[1], "destination", destinations) : 0;
            return new ResourceUse(Id(path, l.Line, l.Fields[0], "block", blocks), d,
                Id(path, l.Line, l.Fields[coefficientFields - 2], "resource", resources), Number(path, l.Line, l.Fields[^1], "coefficient"));
        }).ToList();
        return new MineLibProblem(Header("NAME", Path.GetFileNameWithoutExtension(path)), type, blocks, periods, destinations, rate, objective, limits, uses, resources);
    }

    /// <summary>Writes a UPIT solution: the ids of the blocks mined, one per line (all or nothing).</summary>
    public static void WriteUpitSolution(string path, PitSolution pit)
    {
        ArgumentNullException.ThrowIfNull(pit);
        AtomicFile.WriteText(path, w =>
        {
            foreach (int b in pit.Blocks())
            {
                w.WriteLine(b.ToString(CultureInfo.InvariantCulture));
            }
        });
    }

    /// <summary>Writes a CPIT solution: <c>block period</c> for every block mined (period −1 = not mined, left out).</summary>
    public static void WriteCpitSolution(string path, IReadOnlyList<int> periodOfBlock)
    {
        ArgumentNullException.ThrowIfNull(periodOfBlock);
        AtomicFile.WriteText(path, w =>
        {
            for (int b = 0; b < periodOfBlock.Count; b++)
            {
                if (periodOfBlock[b] >= 0)
                {
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{b} {periodOfBlock[b]}"));
                }
            }
        });
    }

    private static ResourceLimit Limit(string path, long line, string[] f, int resources, int periods)
    {
        if (f.Length < 4)
        {
            throw new DataFormatException(path, line, "RESOURCE_CONSTRAINT_LIMITS", "A limit line is: resource period sense value (I: lower upper).");
        }

        int r = Id(path, line, f[0], "resource", resources), t = Id(path, line, f[1], "period", periods);
        return Keyword(f[2]) switch
        {
            "L" => new ResourceLimit(r, t, LimitSense.AtMost, double.NegativeInfinity, Number(path, line, f[3], "limit")),
            "G" => new ResourceLimit(r, t, LimitSense.AtLeast, Number(path, line, f[3], "limit"), double.PositiveInfinity),
            "I" when f.Length == 5 => new ResourceLimit(r, t, LimitSense.Between, Number(path, line, f[3], "lower"), Number(path, line, f[4], "upper")),
            _ => throw new DataFormatException(path, line, "sense", $"The sense '{f[2]}' is not L, G or I (with two limits)."),
        };
    }

    /// <summary>Non-blank, non-comment lines split on spaces, tabs and ':' with their line numbers.</summary>
    private static IEnumerable<(long Line, string[] Fields)> Records(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        long number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            int comment = raw.IndexOf('%', StringComparison.Ordinal);
            string text = comment >= 0 ? raw[..comment] : raw;
            string[] fields = text.Split([' ', '\t', ':', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 0)
            {
                yield return (number, fields);
            }
        }
    }

    private static string Keyword(string text) => text.Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();

    private static int Integer(string path, long line, string text, string field) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new DataFormatException(path, line, field, $"'{text}' is not an integer.");

    private static int Id(string path, long line, string text, string field, int count)
    {
        int id = Integer(path, line, text, field);
        return id >= 0 && id < count ? id : throw new DataFormatException(path, line, field, $"{field} {id} is outside 0 … {count - 1}.");
    }

    private static double Number(string path, long line, string text, string field) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new DataFormatException(path, line, field, $"'{text}' is not a finite number.");
}
