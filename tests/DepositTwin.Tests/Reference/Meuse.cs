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
