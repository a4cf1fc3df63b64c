using System.Text.Json;
using DepositTwin.Geometry;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using NtsGeometry = NetTopologySuite.Geometries.Geometry;

namespace DepositTwin.Domains;

/// <summary>A volume of rock: the test of whether a point lies in it.</summary>
/// <remarks>Implementations are immutable and safe to query from many threads.</remarks>
public abstract class DomainGeometry
{
    /// <summary>True when the point lies inside (a point on a boundary counts as inside).</summary>
    public abstract bool Contains(Point3 point);
}

/// <summary>
/// A plan polygon (or multipolygon, holes allowed) extruded between two elevations: the usual way a
/// geologist draws an ore zone or a tenement on a plan.
/// </summary>
public sealed class PlanPolygonDomain : DomainGeometry
{
    private readonly IndexedPointInAreaLocator _locator;

    /// <summary>Creates the domain.</summary>
    /// <param name="polygon">A polygonal NetTopologySuite geometry in plan (x east, y north, metres).</param>
    /// <param name="minimumElevation">Lowest elevation (m); −∞ for no limit.</param>
    /// <param name="maximumElevation">Highest elevation (m); +∞ for no limit.</param>
    /// <exception cref="ArgumentException">The geometry is not polygonal or is empty, or the elevations are inverted.</exception>
    public PlanPolygonDomain(NtsGeometry polygon, double minimumElevation = double.NegativeInfinity, double maximumElevation = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (polygon is not IPolygonal || polygon.IsEmpty)
        {
            throw new ArgumentException($"A plan domain needs a non-empty Polygon or MultiPolygon; got {polygon.GeometryType}.", nameof(polygon));
        }

        if (!(maximumElevation >= minimumElevation))
        {
            throw new ArgumentException($"The elevation limits are inverted: {minimumElevation} > {maximumElevation}.", nameof(maximumElevation));
        }

        Polygon = polygon;
        MinimumElevation = minimumElevation;
        MaximumElevation = maximumElevation;
        _locator = new IndexedPointInAreaLocator(polygon);
    }

    /// <summary>The plan outline.</summary>
    public NtsGeometry Polygon { get; }

    /// <summary>Lowest elevation.</summary>
    public double MinimumElevation { get; }

    /// <summary>Highest elevation.</summary>
    public double MaximumElevation { get; }

    /// <summary>A domain from well-known text (POLYGON or MULTIPOLYGON).</summary>
    /// <exception cref="ArgumentException">The text is not valid WKT or not polygonal.</exception>
    public static PlanPolygonDomain FromWkt(string wkt, double minimumElevation = double.NegativeInfinity, double maximumElevation = double.PositiveInfinity)
    {
        ArgumentException.ThrowIfNullOrEmpty(wkt);
        NtsGeometry geometry;
        try
        {
            geometry = new WKTReader().Read(wkt);
        }
        catch (ParseException e)
        {
            throw new ArgumentException($"Not valid WKT: {e.Message}", nameof(wkt), e);
        }

        return new PlanPolygonDomain(geometry, minimumElevation, maximumElevation);
    }

    /// <inheritdoc />
    public override bool Contains(Point3 point) =>
        point.Z >= MinimumElevation && point.Z <= MaximumElevation && _locator.Locate(new Coordinate(point.X, point.Y)) != Location.Exterior;

    /// <summary>Reads the polygonal features of a GeoJSON file (a FeatureCollection, a Feature or a bare geometry) with their properties.</summary>
    internal static List<(NtsGeometry Geometry, IAttributesTable? Properties)> ReadGeoJson(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        string json = File.ReadAllText(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            string type = document.RootElement.TryGetProperty("type", out JsonElement t) ? t.GetString() ?? "" : "";
            return type switch
            {
                "FeatureCollection" => JsonSerializer.Deserialize<FeatureCollection>(json, options)!.Select(f => (f.Geometry, (IAttributesTable?)f.Attributes)).ToList(),
                "Feature" => JsonSerializer.Deserialize<IFeature>(json, options) is { } f ? [(f.Geometry, f.Attributes)] : [],
                _ => [(JsonSerializer.Deserialize<NtsGeometry>(json, options)!, null)],
            };
        }
        catch (JsonException e)
        {
            throw new IO.DataFormatException(path, (e.LineNumber ?? -1) + 1, e.Path ?? "", $"Not valid GeoJSON: {e.Message}");
        }
    }
}

/// <summary>
/// The rock between two gridded surfaces (e.g. a laterite between its top and its floor), optionally
/// limited to a plan polygon. Outside either surface's grid the domain is empty.
/// </summary>
public sealed class BetweenSurfacesDomain : DomainGeometry
{
    private readonly PlanPolygonDomain? _footprint;

    /// <summary>Creates the domain.</summary>
    /// <param name="lower">The floor.</param>
    /// <param name="upper">The roof; where it is below the floor, the domain is empty there.</param>
    /// <param name="footprint">An optional plan outline.</param>
    public BetweenSurfacesDomain(GriddedSurface lower, GriddedSurface upper, NtsGeometry? footprint = null)
    {
        Lower = lower ?? throw new ArgumentNullException(nameof(lower));
        Upper = upper ?? throw new ArgumentNullException(nameof(upper));
        _footprint = footprint is null ? null : new PlanPolygonDomain(footprint);
    }

    /// <summary>The floor.</summary>
    public GriddedSurface Lower { get; }

    /// <summary>The roof.</summary>
    public GriddedSurface Upper { get; }

    /// <inheritdoc />
    public override bool Contains(Point3 point)
    {
        // NaN elevations (off the grid) fail both comparisons.
        double floor = Lower.ElevationAt(point.X, point.Y), roof = Upper.ElevationAt(point.X, point.Y);
        return point.Z >= floor && point.Z <= roof && (_footprint is null || _footprint.Contains(point));
    }
}
