using System.Globalization;
using System.Text.Json;
using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.Samples;

namespace DepositTwin.Domains;

/// <summary>One estimation domain: a code (as in the block model and the samples), a name and its volume.</summary>
/// <param name="Code">The integer code written to samples and blocks (not <see cref="SampleSet.NoDomain"/>).</param>
/// <param name="Name">A name a geologist recognises ("potassic", "laterite").</param>
/// <param name="Geometry">The volume.</param>
public sealed record Domain(int Code, string Name, DomainGeometry Geometry);

/// <summary>
/// The domains of a deposit, in priority order: a point in several takes the first. Flags samples and
/// block centroids, and gives the proportion of each block inside a domain by sub-cell sampling.
/// </summary>
public sealed class DomainModel
{
    private readonly Domain[] _domains;

    /// <summary>Creates the model.</summary>
    /// <exception cref="ArgumentException">Two domains share a code, or a code is the missing code.</exception>
    public DomainModel(IEnumerable<Domain> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        _domains = [.. domains];
        foreach (Domain d in _domains)
        {
            if (d.Code == SampleSet.NoDomain)
            {
                throw new ArgumentException($"Domain '{d.Name}' uses the missing code {SampleSet.NoDomain}.", nameof(domains));
            }
        }

        if (_domains.GroupBy(d => d.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Code {twice.Key} is used by {string.Join(" and ", twice.Select(d => d.Name))}.", nameof(domains));
        }
    }

    /// <summary>The domains, in priority order.</summary>
    public IReadOnlyList<Domain> Domains => _domains;

    /// <summary>
    /// Reads plan polygons from GeoJSON (a FeatureCollection of Polygon / MultiPolygon features, a single
    /// Feature or a bare geometry), extruded between two elevations; each feature's code and name come from
    /// its properties (codes 1, 2, … in file order when it has none).
    /// </summary>
    /// <exception cref="IO.DataFormatException">The file is not GeoJSON, a feature is not polygonal, or a code property is not an integer.</exception>
    public static DomainModel FromGeoJson(string path, string codeProperty = "code", string nameProperty = "name",
        double minimumElevation = double.NegativeInfinity, double maximumElevation = double.PositiveInfinity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var domains = new List<Domain>();
        foreach ((NetTopologySuite.Geometries.Geometry geometry, NetTopologySuite.Features.IAttributesTable? properties) in PlanPolygonDomain.ReadGeoJson(path))
        {
            int n = domains.Count + 1;
            if (geometry is not NetTopologySuite.Geometries.IPolygonal)
            {
                throw new IO.DataFormatException(path, 0, $"features[{n - 1}]", $"Feature {n} is a {geometry?.GeometryType ?? "null geometry"}, not a Polygon or MultiPolygon.");
            }

            int code = properties?.Exists(codeProperty) == true ? Integer(path, n, codeProperty, properties[codeProperty]) : n;
            string name = properties?.Exists(nameProperty) == true ? Convert.ToString(properties[nameProperty], CultureInfo.InvariantCulture) ?? "" : $"domain {code}";
            domains.Add(new Domain(code, name, new PlanPolygonDomain(geometry, minimumElevation, maximumElevation)));
        }

        return new DomainModel(domains);
    }

    private static int Integer(string path, int feature, string property, object? value)
    {
        try
        {
            return value switch
            {
                JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
                JsonElement { ValueKind: JsonValueKind.String } e => int.Parse(e.GetString()!, CultureInfo.InvariantCulture),
                string s => int.Parse(s, CultureInfo.InvariantCulture),
                _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or InvalidOperationException)
        {
            throw new IO.DataFormatException(path, 0, $"features[{feature - 1}].properties.{property}", $"'{value}' is not an integer domain code.");
        }
    }

    /// <summary>The code of the first domain containing the point; <see cref="SampleSet.NoDomain"/> outside all.</summary>
    public int CodeAt(Point3 point)
    {
        foreach (Domain d in _domains)
        {
            if (d.Geometry.Contains(point))
            {
                return d.Code;
            }
        }

        return SampleSet.NoDomain;
    }

    /// <summary>The samples with each one's domain set from its location (samples outside every domain get <see cref="SampleSet.NoDomain"/>).</summary>
    public SampleSet Flag(SampleSet samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var codes = new int[samples.Count];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = CodeAt(samples.Locations[i]);
        }

        return samples.WithDomains(codes);
    }

    /// <summary>Writes each block's domain (by its centroid) to an integer attribute (created when absent).</summary>
    public IntegerAttribute FlagBlocks(BlockModel model, string attribute = "domain", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        IntegerAttribute codes = model.Contains(attribute) ? model.GetInteger(attribute) : model.AddInteger(attribute, description: "estimation domain");
        model.All.ParallelFor(row => codes[row] = CodeAt(model.Centroid(row)), cancellationToken);
        return codes;
    }

    /// <summary>
    /// Writes the proportion of each block inside a domain, the fraction of its sub-cell centres (a regular
    /// nx × ny × nz sub-grid) whose first domain is <paramref name="code"/>; proportions of all domains of a
    /// block therefore sum to at most 1.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No domain has that code.</exception>
    public DoubleAttribute Proportions(BlockModel model, int code, BlockDiscretisation subCells, string? attribute = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(subCells);
        Domain domain = _domains.FirstOrDefault(d => d.Code == code) ?? throw new KeyNotFoundException($"No domain has code {code}.");
        string name = attribute ?? $"prop_{domain.Code.ToString(CultureInfo.InvariantCulture)}";
        DoubleAttribute proportion = model.Contains(name) ? model.GetDouble(name) : model.AddDouble(name, "fraction", $"proportion of the block in {domain.Name}");
        model.All.ParallelFor(row =>
        {
            int inside = 0;
            Point3[] points = subCells.Points(model.Grid, model.BlockOf(row));
            foreach (Point3 p in points)
            {
                inside += CodeAt(p) == code ? 1 : 0;
            }

            proportion[row] = (double)inside / points.Length;
        }, cancellationToken);
        return proportion;
    }
}
