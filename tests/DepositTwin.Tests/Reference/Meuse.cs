using DepositTwin.Geometry;

namespace DepositTwin.Tests.Reference;

/// <summary>The meuse zinc data (155 samples, 2D; z = 0) and its gstat results.</summary>
public static class Meuse
{
    private static readonly Lazy<(Point3[] Points, double[] LogZinc)> Data = new(() =>
    {
        var rows = ReferenceData.Csv("meuse", "meuse.csv");
        return (rows.Select(r => new Point3(r.Number("x"), r.Number("y"), 0)).ToArray(), rows.Select(r => r.Number("logzinc")).ToArray());
    });

    public static Point3[] Points => Data.Value.Points;

    public static double[] LogZinc => Data.Value.LogZinc;
}

public static class MeuseModels
{
    public static DepositTwin.Variography.VariogramModel Gstat(string fit)
    {
        var rows = ReferenceData.Csv("meuse", "vgm_fits.csv").Where(r => r["fit"] == fit && r["variogram"] == "default").ToList();
        var structure = rows.Single(r => r["model"] != "Nug");
        var type = structure["model"] == "Sph" ? DepositTwin.Variography.StructureType.Spherical : DepositTwin.Variography.StructureType.Exponential;
        return new DepositTwin.Variography.VariogramModel(rows.Single(r => r["model"] == "Nug").Number("psill"),
            DepositTwin.Variography.VariogramStructure.FromScale(type, structure.Number("psill"), structure.Number("range")));
    }

    public static Point3[] Grid => ReferenceData.Csv("meuse", "meuse_grid.csv").Select(r => new Point3(r.Number("x"), r.Number("y"), 0)).ToArray();
}
