using System.Globalization;
using DepositTwin.Drillholes;
using DepositTwin.Geometry;
using DepositTwin.IO;

namespace DepositTwin.Simulation;

/// <summary>How a synthetic deposit is drilled.</summary>
public sealed record DrillingCampaign
{
    /// <summary>Plan area drilled: (minimum x, minimum y) to (maximum x, maximum y) (m); collars on a square pattern inside it.</summary>
    public required (double MinX, double MinY, double MaxX, double MaxY) Area { get; init; }

    /// <summary>Collar spacing (m).</summary>
    public double Spacing { get; init; } = 60;

    /// <summary>Planned azimuth of the holes (degrees).</summary>
    public double Azimuth { get; init; }

    /// <summary>Planned dip (degrees, negative down; −90 vertical).</summary>
    public double Dip { get; init; } = -90;

    /// <summary>Standard deviation of the change of azimuth and dip per 100 m drilled (degrees): how the holes wander.</summary>
    public double DeviationPer100m { get; init; } = 1.5;

    /// <summary>Hole length (m).</summary>
    public double Depth { get; init; } = 400;

    /// <summary>Survey interval (m); the last station is at the end of the hole.</summary>
    public double SurveyInterval { get; init; } = 50;

    /// <summary>Assay interval length (m).</summary>
    public double SampleLength { get; init; } = 2;

    /// <summary>Relative standard deviation of the assay error (lognormal).</summary>
    public double AssayError { get; init; } = 0.05;

    /// <summary>Fraction of assays left blank (lost samples).</summary>
    public double MissingFraction { get; init; } = 0.01;

    /// <summary>Write two anomalies on purpose (a repeated survey row and a below-detection assay), so the importer has something to find.</summary>
    public bool InjectAnomalies { get; init; } = true;

    /// <summary>Fixes the collars' jitter, deviations, errors and losses.</summary>
    public int Seed { get; init; } = 7;
}

/// <summary>The files a campaign wrote and the anomalies it put in them on purpose.</summary>
/// <param name="Collar">collar.csv (hole_id, x, y, z, max_depth).</param>
/// <param name="Survey">survey.csv (hole_id, depth, azimuth, dip).</param>
/// <param name="Assay">assay.csv (hole_id, from, to, one column per variable, and the logged zone code).</param>
/// <param name="Holes">Holes drilled.</param>
/// <param name="Injected">The anomalies written on purpose: kind, hole and line.</param>
public sealed record DrilledFiles(string Collar, string Survey, string Assay, int Holes, IReadOnlyList<(AnomalyKind Kind, string Hole, long Line)> Injected);

/// <summary>
/// Drills a synthetic deposit as a campaign would: collars on a pattern on the topography, holes that
/// deviate as they go (surveyed every so many metres), assays over fixed intervals with laboratory error
/// and a few lost samples; writes collar, survey and assay CSV files for the real import path.
/// </summary>
public static class DrillingSimulator
{
    /// <summary>Drills and writes the three files into <paramref name="folder"/> (created when absent; each file written atomically).</summary>
    public static DrilledFiles Drill(SyntheticDeposit deposit, DrillingCampaign campaign, string folder)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!(campaign.Spacing > 0) || !(campaign.Depth > 0) || !(campaign.SampleLength > 0) || !(campaign.SurveyInterval > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(campaign), "Spacing, depth, sample length and survey interval must be positive.");
        }

        Directory.CreateDirectory(folder);
        var random = new Random(campaign.Seed);
        var inv = CultureInfo.InvariantCulture;
        var collars = new List<string> { "hole_id,x,y,z,max_depth" };
        var surveys = new List<string> { "hole_id,depth,azimuth,dip" };
        var assays = new List<string> { "hole_id,from,to," + string.Join(',', deposit.Variables.Select(v => v.Name)) + ",zone" };
        var injected = new List<(AnomalyKind, string, long)>();
        int holes = 0;
        var (minX, minY, maxX, maxY) = campaign.Area;
        for (double y = minY + campaign.Spacing / 2; y <= maxY; y += campaign.Spacing)
        {
            for (double x = minX + campaign.Spacing / 2; x <= maxX; x += campaign.Spacing)
            {
                string id = string.Create(inv, $"DDH{++holes:0000}");
                // Collars are set out to a metre or two off the pattern.
                double cx = Math.Round(x + 2 * (random.NextDouble() - 0.5), 2), cy = Math.Round(y + 2 * (random.NextDouble() - 0.5), 2);
                double cz = Math.Round(deposit.Topography(cx, cy), 2);
                collars.Add(string.Create(inv, $"{id},{cx},{cy},{cz},{campaign.Depth}"));

                var stations = new List<SurveyStation>();
                double azimuth = campaign.Azimuth, dip = campaign.Dip;
                for (double d = 0; ; d = Math.Min(campaign.Depth, d + campaign.SurveyInterval))
                {
                    stations.Add(new SurveyStation(d, Math.Round(((azimuth % 360) + 360) % 360, 2), Math.Round(dip, 2)));
                    surveys.Add(string.Create(inv, $"{id},{d},{stations[^1].Azimuth},{stations[^1].Dip}"));
                    if (campaign.InjectAnomalies && holes == 1 && stations.Count == 2)
                    {
                        surveys.Add(surveys[^1]); // a survey row entered twice
                        injected.Add((AnomalyKind.DuplicateSurvey, id, surveys.Count));
                    }

                    if (d >= campaign.Depth)
                    {
                        break;
                    }

                    double step = Math.Min(campaign.SurveyInterval, campaign.Depth - d) / 100;
                    azimuth += campaign.DeviationPer100m * Math.Sqrt(step) * GaussianRandomField.StandardNormal(random) * (dip > -89 ? 1 : 10);
                    dip = Math.Clamp(dip + campaign.DeviationPer100m * Math.Sqrt(step) * GaussianRandomField.StandardNormal(random), -90, -1);
                }

                var path = new HoleTrajectory(new Point3(cx, cy, cz), stations);
                for (double from = 0; from < campaign.Depth - 1e-9; from += campaign.SampleLength)
                {
                    double to = Math.Min(campaign.Depth, from + campaign.SampleLength);
                    var fields = new List<string> { id, from.ToString(inv), to.ToString(inv) };
                    for (int v = 0; v < deposit.Variables.Count; v++)
                    {
                        // The interval's value: the mean of four points down it, times a lognormal laboratory error.
                        double sum = 0;
                        for (int q = 0; q < 4; q++)
                        {
                            sum += deposit.Value(v, path.PointAt(from + (q + 0.5) * (to - from) / 4));
                        }

                        double error = Math.Exp(campaign.AssayError * GaussianRandomField.StandardNormal(random) - 0.5 * campaign.AssayError * campaign.AssayError);
                        bool lost = random.NextDouble() < campaign.MissingFraction;
                        fields.Add(lost ? "" : Math.Round(sum / 4 * error, 4).ToString(inv));
                    }

                    // The geologist's log: the zone at the middle of the interval.
                    fields.Add(deposit.Zone(path.PointAt(0.5 * (from + to))).ToString(inv));
                    if (campaign.InjectAnomalies && holes == 2 && from == 10 * campaign.SampleLength)
                    {
                        fields[3] = "<0.01"; // a laboratory's below-detection code
                        injected.Add((AnomalyKind.BelowDetection, id, assays.Count + 1));
                    }

                    assays.Add(string.Join(',', fields));
                }
            }
        }

        var files = new DrilledFiles(Path.Combine(folder, "collar.csv"), Path.Combine(folder, "survey.csv"), Path.Combine(folder, "assay.csv"), holes, injected);
        AtomicFile.WriteText(files.Collar, w => collars.ForEach(w.WriteLine));
        AtomicFile.WriteText(files.Survey, w => surveys.ForEach(w.WriteLine));
        AtomicFile.WriteText(files.Assay, w => assays.ForEach(w.WriteLine));
        return files;
    }
}
