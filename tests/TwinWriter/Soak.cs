using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Resources;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Twin;
using DepositTwin.Variography;

namespace TwinWriter;

/// <summary>The twin the crash test writes and reopens: a small model, a few holes, batches of blast holes.</summary>
public static class Soak
{
    public static TwinSettings Settings { get; } = new("Cu", new EstimationPlan(EstimationMethod.OrdinaryKriging,
        new SearchNeighbourhood(Ellipsoid.FromGslib(60, 0, 0, 0, 1, 0.5), minSamples: 2, maxSamples: 10))
    {
        Variogram = new VariogramModel(0.01, new VariogramStructure(StructureType.Spherical, 0.1, Ellipsoid.FromGslib(120, 0, 0, 0, 1, 0.5))),
    }, CutOff: 0.5);

    public static MineTwin Create(string path)
    {
        var model = new BlockModel(new GridDefinition(Point3.Zero, new Point3(10, 10, 10), 30, 30, 6));
        DensityModel.Constant(2.6).WriteTonnes(model);
        var xyz = new List<Point3>();
        var holes = new List<int>();
        for (int h = 0; h < 36; h++)
        {
            for (double z = 55; z > 0; z -= 10)
            {
                xyz.Add(new Point3(25 + 50 * (h % 6), 25 + 50 * (h / 6), z));
                holes.Add(h);
            }
        }

        var samples = SampleSet.Of(xyz, "Cu", xyz.Select(p => 0.5 + 0.3 * Math.Sin(p.X / 40)).ToArray(), holes);
        return MineTwin.Create(model, samples, Settings, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), path);
    }

    public static NewSamples Batch(MineTwin twin, int batch)
    {
        var xyz = Enumerable.Range(0, 20).Select(i => new Point3(5 + (13 * i + 7 * batch) % 290, 5 + (31 * i + 11 * batch) % 290, 5 + 10 * (batch % 6))).ToArray();
        int firstHole = 1_000 + 20 * (twin.Current.Id + batch);
        return new NewSamples(twin.Current.Timestamp.AddMinutes(1), $"batch {batch}", SampleSource.BlastHoles,
            SampleSet.Of(xyz, "Cu", xyz.Select(p => 0.6 + 0.2 * Math.Cos(p.Y / 30)).ToArray(), Enumerable.Range(firstHole, 20).ToArray()));
    }
}
