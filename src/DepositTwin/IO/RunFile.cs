using System.Text.Json;
using System.Text.Json.Serialization;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.IO;

/// <summary>
/// A JSON run file: everything an estimation needs, so that a geologist can run one without writing C#.
/// Paths are relative to the run file's folder. Unknown fields are errors (a typo never passes silently).
/// </summary>
/// <remarks>See the README for a complete, annotated example.</remarks>
public sealed record RunFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The sample file and its columns.</summary>
    public required RunSamples Samples { get; init; }

    /// <summary>The block grid.</summary>
    public required RunGrid Grid { get; init; }

    /// <summary>The variogram model (kriging only).</summary>
    public RunVariogram? Variogram { get; init; }

    /// <summary>The estimator.</summary>
    public required RunEstimator Estimator { get; init; }

    /// <summary>Search passes, in order.</summary>
    public required IReadOnlyList<RunPass> Passes { get; init; }

    /// <summary>What to write.</summary>
    public required RunOutput Output { get; init; }

    /// <summary>The file the run was loaded from ("" when built in code).</summary>
    [JsonIgnore]
    public string SourcePath { get; init; } = "";

    /// <summary>Loads and checks a run file.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed, a field is unknown or missing, or a value is out of range; the message names the file, line and field.</exception>
    public static RunFile Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RunFile? run;
        try
        {
            run = JsonSerializer.Deserialize<RunFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, e.Path ?? "", e.Message);
        }

        if (run is null)
        {
            throw new DataFormatException(path, 1, "", "The run file is empty (null).");
        }

        run = run with { SourcePath = Path.GetFullPath(path) };
        run.Check();
        return run;
    }

    /// <summary>A path from the run file, resolved against the run file's folder.</summary>
    public string Resolve(string relative) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(SourcePath) is { Length: > 0 } folder ? folder : ".", relative));

    /// <summary>Builds every library object once, so that errors surface at load time with the field named.</summary>
    private void Check()
    {
        _ = ToGrid();
        _ = ToPlan();
        _ = ToColumns();
    }

    /// <summary>The sample columns.</summary>
    public SampleCsvColumns ToColumns() => new()
    {
        X = Samples.X,
        Y = Samples.Y,
        Z = Samples.Z,
        Hole = Samples.Hole,
        Values = [Samples.Value],
        MissingSentinels = Samples.Missing ?? [],
    };

    /// <summary>The grid.</summary>
    public GridDefinition ToGrid() => Field("grid", () => new GridDefinition(
        Vector(Grid.Origin, "grid.origin"), Vector(Grid.BlockSize, "grid.blockSize"),
        Count(Grid.Count, 0), Count(Grid.Count, 1), Count(Grid.Count, 2), Grid.Azimuth));

    /// <summary>The variogram model, or null when none is given.</summary>
    public VariogramModel? ToVariogram() => Variogram is null ? null : Field("variogram", () => new VariogramModel(
        Variogram.Nugget,
        Variogram.Structures.Select((s, i) => Field($"variogram.structures[{i}]", () => new VariogramStructure(
            ParseStructure(s.Type, $"variogram.structures[{i}].type"), s.Sill, ToEllipsoid(s.Ranges, s.Angles, $"variogram.structures[{i}]"), s.Exponent ?? 1)))
        .ToArray()));

    /// <summary>The estimation plan.</summary>
    public EstimationPlan ToPlan()
    {
        EstimationMethod method = Estimator.Method.ToLowerInvariant() switch
        {
            "nearest" or "nearest-neighbour" => EstimationMethod.NearestNeighbour,
            "idw" or "inverse-distance" => EstimationMethod.InverseDistance,
            "sk" or "simple-kriging" => EstimationMethod.SimpleKriging,
            "ok" or "ordinary-kriging" => EstimationMethod.OrdinaryKriging,
            _ => throw Error("estimator.method", $"'{Estimator.Method}' is not one of nearest, idw, simple-kriging, ordinary-kriging."),
        };
        if (Passes.Count == 0)
        {
            throw Error("passes", "At least one search pass is needed.");
        }

        SearchNeighbourhood[] passes = Passes.Select((p, i) => Field($"passes[{i}]", () => new SearchNeighbourhood(ToEllipsoid(p.Ranges, p.Angles, $"passes[{i}]"), p.MinSamples, p.MaxSamples)
        {
            MaxPerOctant = p.MaxPerOctant,
            MinInformedOctants = p.MinInformedOctants,
            Octants = (p.Octants ?? "data-axes").ToLowerInvariant() switch
            {
                "data-axes" or "gslib" => OctantFrame.DataAxes,
                "search-ellipsoid" or "ellipsoid" => OctantFrame.SearchEllipsoid,
                _ => throw Error($"passes[{i}].octants", $"'{p.Octants}' is not data-axes (GSLIB) or search-ellipsoid."),
            },
            MaxPerHole = p.MaxPerHole,
            Metric = (p.Metric ?? "anisotropic").ToLowerInvariant() switch
            {
                "anisotropic" => SearchMetric.Anisotropic,
                "euclidean" => SearchMetric.Euclidean,
                _ => throw Error($"passes[{i}].metric", $"'{p.Metric}' is not anisotropic or euclidean."),
            },
        })).ToArray();
        int[] d = Estimator.Discretisation ?? [1, 1, 1];
        if (d.Length != 3)
        {
            throw Error("estimator.discretisation", "Give three counts: [nx, ny, nz].");
        }

        var plan = new EstimationPlan(method, passes)
        {
            Variogram = ToVariogram(),
            Mean = Estimator.Mean,
            Power = Estimator.Power ?? 2,
            Discretisation = Field("estimator.discretisation", () => new BlockDiscretisation(d[0], d[1], d[2])),
        };
        Field("estimator", () =>
        {
            plan.Validate();
            return plan;
        });
        return plan;
    }

    private Ellipsoid ToEllipsoid(double[] ranges, double[]? angles, string field)
    {
        if (ranges is not { Length: 3 })
        {
            throw Error(field + ".ranges", "Give three ranges: [major, semi-major, minor] in metres.");
        }

        double[] a = angles ?? [0, 0, 0];
        if (a.Length != 3)
        {
            throw Error(field + ".angles", "Give three GSLIB angles: [azimuth, dip, rake] in degrees.");
        }

        return Field(field, () => new Ellipsoid(Rotation.FromGslib(a[0], a[1], a[2]), ranges[0], ranges[1], ranges[2]));
    }

    private static StructureType ParseStructure(string type, string field) => type.ToLowerInvariant() switch
    {
        "spherical" or "sph" => StructureType.Spherical,
        "exponential" or "exp" => StructureType.Exponential,
        "gaussian" or "gau" => StructureType.Gaussian,
        "cubic" or "cub" => StructureType.Cubic,
        "power" or "pow" => StructureType.Power,
        _ => throw new ArgumentException($"{field}: '{type}' is not one of spherical, exponential, gaussian, cubic, power."),
    };

    private Point3 Vector(double[] v, string field) =>
        v is { Length: 3 } ? new Point3(v[0], v[1], v[2]) : throw Error(field, "Give three numbers: [x, y, z].");

    private int Count(int[] counts, int axis) =>
        counts is { Length: 3 } ? counts[axis] : throw Error("grid.count", "Give three block counts: [nx, ny, nz].");

    /// <summary>Builds a part, turning a constructor's complaint into an error that names the run-file field.</summary>
    private T Field<T>(string field, Func<T> build)
    {
        try
        {
            return build();
        }
        catch (ArgumentException e)
        {
            throw Error(field, e.Message);
        }
    }

    private DataFormatException Error(string field, string problem) => new(SourcePath, 0, field, problem);
}

/// <summary>The sample file of a run.</summary>
public sealed record RunSamples
{
    /// <summary>The CSV file, relative to the run file.</summary>
    public required string File { get; init; }

    /// <summary>Easting column.</summary>
    public string X { get; init; } = "x";

    /// <summary>Northing column.</summary>
    public string Y { get; init; } = "y";

    /// <summary>Elevation column; null for 2D data.</summary>
    public string? Z { get; init; } = "z";

    /// <summary>Drillhole id column, if any.</summary>
    public string? Hole { get; init; }

    /// <summary>The column to estimate.</summary>
    public required string Value { get; init; }

    /// <summary>Values meaning missing (for example −99).</summary>
    public double[]? Missing { get; init; }
}

/// <summary>The block grid of a run.</summary>
public sealed record RunGrid
{
    /// <summary>Minimum corner of the first block [x, y, z] (m).</summary>
    public required double[] Origin { get; init; }

    /// <summary>Block size [dx, dy, dz] (m).</summary>
    public required double[] BlockSize { get; init; }

    /// <summary>Block counts [nx, ny, nz].</summary>
    public required int[] Count { get; init; }

    /// <summary>Clockwise rotation of the grid about the origin (degrees).</summary>
    public double Azimuth { get; init; }
}

/// <summary>A variogram model in a run file.</summary>
public sealed record RunVariogram
{
    /// <summary>The nugget effect.</summary>
    public double Nugget { get; init; }

    /// <summary>The nested structures.</summary>
    public required IReadOnlyList<RunStructure> Structures { get; init; }
}

/// <summary>One nested structure in a run file.</summary>
public sealed record RunStructure
{
    /// <summary>spherical, exponential, gaussian, cubic or power.</summary>
    public required string Type { get; init; }

    /// <summary>The sill contribution.</summary>
    public required double Sill { get; init; }

    /// <summary>Practical ranges [major, semi-major, minor] (m).</summary>
    public required double[] Ranges { get; init; }

    /// <summary>GSLIB angles [azimuth, dip, rake] (degrees); zeros when omitted.</summary>
    public double[]? Angles { get; init; }

    /// <summary>The exponent of a power structure.</summary>
    public double? Exponent { get; init; }
}

/// <summary>The estimator of a run.</summary>
public sealed record RunEstimator
{
    /// <summary>nearest, idw, simple-kriging or ordinary-kriging.</summary>
    public required string Method { get; init; }

    /// <summary>The known mean (simple kriging).</summary>
    public double? Mean { get; init; }

    /// <summary>The inverse distance power (2 by default).</summary>
    public double? Power { get; init; }

    /// <summary>Block discretisation [nx, ny, nz]; [1, 1, 1] (point kriging) by default.</summary>
    public int[]? Discretisation { get; init; }
}

/// <summary>One search pass of a run.</summary>
public sealed record RunPass
{
    /// <summary>Search ranges [major, semi-major, minor] (m).</summary>
    public required double[] Ranges { get; init; }

    /// <summary>GSLIB angles [azimuth, dip, rake] (degrees); zeros when omitted.</summary>
    public double[]? Angles { get; init; }

    /// <summary>Fewest samples.</summary>
    public int MinSamples { get; init; } = 1;

    /// <summary>Most samples.</summary>
    public required int MaxSamples { get; init; }

    /// <summary>Most samples per octant (0: no limit).</summary>
    public int MaxPerOctant { get; init; }

    /// <summary>Fewest informed octants (0: no rule).</summary>
    public int MinInformedOctants { get; init; }

    /// <summary>The octants' frame: data-axes (GSLIB's, the default) or search-ellipsoid.</summary>
    public string? Octants { get; init; }

    /// <summary>Most samples per drillhole (0: no limit).</summary>
    public int MaxPerHole { get; init; }

    /// <summary>anisotropic (default) or euclidean.</summary>
    public string? Metric { get; init; }
}

/// <summary>What a run writes.</summary>
public sealed record RunOutput
{
    /// <summary>Name of the estimate attribute (prefix of the others).</summary>
    public required string Name { get; init; }

    /// <summary>Block model CSV, relative to the run file; none when null.</summary>
    public string? Csv { get; init; }

    /// <summary>Block model VTK, relative to the run file; none when null.</summary>
    public string? Vtk { get; init; }

    /// <summary>Run report (text), relative to the run file; none when null.</summary>
    public string? Report { get; init; }
}
