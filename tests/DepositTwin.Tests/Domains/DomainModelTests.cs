using DepositTwin.BlockModels;
using DepositTwin.Domains;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Samples;

namespace DepositTwin.Tests.Domains;

public class DomainModelTests
{
    [Fact]
    public void A_plan_polygon_with_a_hole_is_extruded_between_its_elevations()
    {
        var d = PlanPolygonDomain.FromWkt("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (40 40, 60 40, 60 60, 40 60, 40 40))", 200, 300);
        Assert.True(d.Contains(new Point3(10, 10, 250)));
        Assert.True(d.Contains(new Point3(0, 50, 200)));      // boundaries count as inside
        Assert.False(d.Contains(new Point3(50, 50, 250)));    // in the hole
        Assert.False(d.Contains(new Point3(10, 10, 301)));
        Assert.False(d.Contains(new Point3(-1, 10, 250)));
        Assert.Throws<ArgumentException>(() => PlanPolygonDomain.FromWkt("LINESTRING (0 0, 1 1)"));
        Assert.Throws<ArgumentException>(() => PlanPolygonDomain.FromWkt("POLYGON ((0 0, 1"));
    }

    [Fact]
    public void GeoJson_features_become_domains_in_priority_order_and_flag_samples()
    {
        using var folder = new TempFolder();
        string path = folder.File("domains.geojson");
        File.WriteAllText(path, """
            { "type": "FeatureCollection", "features": [
              { "type": "Feature", "properties": { "code": 2, "name": "high grade" },
                "geometry": { "type": "Polygon", "coordinates": [[[20,20],[40,20],[40,40],[20,40],[20,20]]] } },
              { "type": "Feature", "properties": { "code": 1, "name": "envelope" },
                "geometry": { "type": "MultiPolygon", "coordinates": [[[[0,0],[100,0],[100,100],[0,100],[0,0]]], [[[200,0],[210,0],[210,10],[200,0]]]] } }
            ] }
            """);
        DomainModel model = DomainModel.FromGeoJson(path, minimumElevation: 0, maximumElevation: 50);
        Assert.Equal(["high grade", "envelope"], model.Domains.Select(d => d.Name));

        SampleSet samples = SampleSet.Of([new(30, 30, 10), new(70, 70, 10), new(205, 2, 10), new(30, 30, 60), new(500, 500, 10)], "cu", [1, 2, 3, 4, 5]);
        SampleSet flagged = model.Flag(samples);
        Assert.Equal([2, 1, 1, SampleSet.NoDomain, SampleSet.NoDomain], flagged.Domains.ToArray());
        Assert.Equal([2.0, 3.0], flagged.InDomain(1).Values("cu").ToArray());

        string bad = folder.File("bad.geojson");
        File.WriteAllText(bad, """{ "type": "Feature", "properties": { "code": "x" }, "geometry": { "type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]] } }""");
        var e = Assert.Throws<DataFormatException>(() => DomainModel.FromGeoJson(bad));
        Assert.Equal((bad, "features[0].properties.code"), (e.FilePath, e.Field));
        string line = folder.File("line.geojson");
        File.WriteAllText(line, """{ "type": "LineString", "coordinates": [[0,0],[1,1]] }""");
        Assert.Throws<DataFormatException>(() => DomainModel.FromGeoJson(line));
    }

    [Fact]
    public void A_layer_between_two_surfaces_follows_them_and_surfaces_are_bilinear()
    {
        // A dipping floor and a flat roof: bilinear interpolation reproduces planes exactly.
        var floor = GriddedSurface.FromFunction(0, 0, 10, 10, 11, 11, (x, y) => 10 + 0.1 * x + 0.05 * y);
        var roof = GriddedSurface.FromFunction(0, 0, 10, 10, 11, 11, (_, _) => 30);
        Assert.Equal(10 + 0.1 * 37 + 0.05 * 81, floor.ElevationAt(37, 81), 1e-12);
        Assert.True(double.IsNaN(floor.ElevationAt(-1, 5)));
        var layer = new BetweenSurfacesDomain(floor, roof);
        Assert.True(layer.Contains(new Point3(50, 50, 20)));
        Assert.False(layer.Contains(new Point3(50, 50, 17)));  // floor at 17.5
        Assert.False(layer.Contains(new Point3(50, 50, 31)));
        Assert.False(layer.Contains(new Point3(150, 50, 20))); // off the grid
    }

    [Fact]
    public void A_surface_reads_from_a_csv_of_nodes_and_bad_grids_name_the_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("floor.csv");
        var lines = new List<string> { "x,y,z" };
        foreach (int y in new[] { 20, 0, 10 })
        {
            foreach (int x in new[] { 0, 5, 10, 15 })
            {
                lines.Add(FormattableString.Invariant($"{x},{y},{100 + x - 0.5 * y}"));
            }
        }

        File.WriteAllLines(path, lines);
        GriddedSurface s = GriddedSurface.ReadCsv(path);
        Assert.Equal((4, 3, 5.0, 10.0), (s.CountX, s.CountY, s.SpacingX, s.SpacingY));
        Assert.Equal(100 + 7 - 0.5 * 13, s.ElevationAt(7, 13), 1e-12);

        File.WriteAllLines(path, ["x,y,z", "0,0,1", "1,0,1", "3,0,1", "0,1,1", "1,1,1", "3,1,1"]);
        var e = Assert.Throws<DataFormatException>(() => GriddedSurface.ReadCsv(path));
        Assert.Equal((path, "x"), (e.FilePath, e.Field));
        File.WriteAllLines(path, ["x,y,z", "0,0,1", "1,0,abc"]);
        e = Assert.Throws<DataFormatException>(() => GriddedSurface.ReadCsv(path));
        Assert.Equal((3L, "z"), (e.Line, e.Field));
    }

    [Fact]
    public void Blocks_are_flagged_by_centroid_and_proportions_come_from_sub_cells()
    {
        var grid = new GridDefinition(new Point3(0, 0, 0), new Point3(10, 10, 10), 4, 1, 1);
        var model = new BlockModel(grid);
        // x ≤ 14 is "west", the rest of x ≤ 34 "east": block 1 (10–20) is half and half by its sub-cells
        // (11.25, 13.75 | 16.25, 18.75), its centroid (15) is east; block 3's centroid (35) is outside both.
        var domains = new DomainModel([
            new Domain(1, "west", PlanPolygonDomain.FromWkt("POLYGON ((0 0, 14 0, 14 10, 0 10, 0 0))")),
            new Domain(2, "east", PlanPolygonDomain.FromWkt("POLYGON ((0 0, 34 0, 34 10, 0 10, 0 0))")),
        ]);
        IntegerAttribute codes = domains.FlagBlocks(model);
        Assert.Equal([1, 2, 2, IntegerAttribute.Missing], codes.Values.ToArray());

        DoubleAttribute west = domains.Proportions(model, 1, new BlockDiscretisation(4, 1, 1));
        DoubleAttribute east = domains.Proportions(model, 2, new BlockDiscretisation(4, 1, 1));
        Assert.Equal([1.0, 0.5, 0.0, 0.0], west.Values.ToArray());
        Assert.Equal([0.0, 0.5, 1.0, 0.5], east.Values.ToArray());
        Assert.Equal("prop_1", west.Name);
        Assert.Throws<KeyNotFoundException>(() => domains.Proportions(model, 7, BlockDiscretisation.Point));
        Assert.Throws<ArgumentException>(() => new DomainModel([new Domain(1, "a", domains.Domains[0].Geometry), new Domain(1, "b", domains.Domains[1].Geometry)]));
    }
}
