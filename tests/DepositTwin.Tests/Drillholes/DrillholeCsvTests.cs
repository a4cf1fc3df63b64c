using System.Text;
using DepositTwin.Drillholes;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Tests.Reference;

namespace DepositTwin.Tests.Drillholes;

public class DrillholeCsvTests
{
    private static (DrillholeDatabase Db, DrillholeValidationReport Report) Forrestania(DrillholeImportOptions? options = null) =>
        DrillholeCsv.Read(ReferenceData.File("forrestania", "collar.csv"), ReferenceData.File("forrestania", "survey.csv"),
            [new IntervalTableSource("assay", ReferenceData.File("forrestania", "assay.csv"))], options);

    [Fact]
    public void Forrestania_imports_completely_and_every_anomaly_is_listed_with_hole_and_line()
    {
        var (db, report) = Forrestania();

        Assert.Equal(100, db.Holes.Count);
        Assert.Equal(100, report.Holes);
        IReadOnlyDictionary<AnomalyKind, int> kinds = report.CountByKind();
        // Counted independently from the raw files (see the folder's README for what to expect).
        Assert.Equal(28, kinds[AnomalyKind.CollarWithoutSurvey]);
        Assert.Equal(28, kinds[AnomalyKind.CollarWithoutIntervals]);
        Assert.Equal(7, kinds[AnomalyKind.FirstSurveyBelowCollar]);
        Assert.Equal(2, kinds[AnomalyKind.DuplicateSurvey]);
        Assert.Equal(2, kinds[AnomalyKind.OverlappingInterval]);
        Assert.Equal(18, kinds[AnomalyKind.BelowDetection]);
        Assert.False(kinds.ContainsKey(AnomalyKind.HoleWithoutCollar));
        Assert.False(kinds.ContainsKey(AnomalyKind.DuplicateCollar));
        Assert.Equal(150_984, report.Columns.Sum(c => c.Blank));
        Assert.Equal(18, report.Columns.Sum(c => c.BelowDetection));

        Assert.Equal(["NH12-01:1371", "NH12-02:1373"], report.Of(AnomalyKind.OverlappingInterval).Select(a => $"{a.HoleId}:{a.Line}"));
        Assert.Equal(["ZK100-1:110", "ZK101-1:122"], report.Of(AnomalyKind.DuplicateSurvey).Select(a => $"{a.HoleId}:{a.Line}"));

        // Nothing leaves without a line in the report: rows read − rows kept = excluded anomalies, per file.
        foreach ((string file, (int read, int kept)) in report.Rows)
        {
            Assert.Equal(read - kept, report.Anomalies.Count(a => a.Excluded && a.File == file));
        }

        Assert.Equal((144, 142), report.Rows[ReferenceData.File("forrestania", "survey.csv")]);
        Assert.Equal((4074, 4072), report.Rows[ReferenceData.File("forrestania", "assay.csv")]);
        Assert.Equal(4072, db.Table("assay").Count);
        Assert.Equal(28, db.Holes.Count(h => h.SurveyAssumed));
        Assert.All(report.Anomalies, a => Assert.True(a.Line > 1 && a.HoleId.Length > 0, a.ToString()));

        // The first survey (at 50 m) is extended up to the collar: the hole starts at the collar along its angles.
        Drillhole fsrc044 = db.Holes.Single(h => h.Id == "FSRC044");
        HoleTrajectory path = fsrc044.Trajectory();
        Assert.Equal(fsrc044.Collar, path.PointAt(0));
        Assert.Equal(HoleTrajectory.Direction(fsrc044.Surveys[0].Azimuth, -fsrc044.Surveys[0].Dip), path.DirectionAt(10));

        string text = report.ToString();
        Assert.Contains("OverlappingInterval hole NH12-01 at assay.csv:1371", text, StringComparison.Ordinal);
        Assert.Contains("survey.csv: 144 rows read, 142 kept, 2 excluded", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Forrestania_composites_conserve_metal_hole_by_hole_and_become_samples()
    {
        var (db, _) = Forrestania();
        DrillholeComposites composites = db.Composite("assay", ["Ni_ppm"], new CompositingOptions { Length = 2, Residual = ResidualPolicy.Keep });
        ReadOnlySpan<double> ni = composites.Values("Ni_ppm");
        ReadOnlySpan<double> covered = composites.CoveredLength("Ni_ppm");
        IntervalTable assay = db.Table("assay");
        int column = assay.ValueIndex("Ni_ppm");
        for (int h = 0; h < composites.HoleNames.Count; h++)
        {
            double before = assay.Rows(composites.HoleNames[h]).Where(r => !double.IsNaN(r.Values[column])).Sum(r => r.Values[column] * (r.To - r.From));
            double after = 0;
            for (int i = 0; i < composites.Count; i++)
            {
                // Composites below the coverage rule carry no value but still hold what was assayed in them.
                if (composites.Holes[i] == h && covered[i] > 0)
                {
                    after += (double.IsNaN(ni[i]) ? 0 : ni[i]) * covered[i];
                }
            }

            double missing = 0;
            for (int i = 0; i < composites.Count; i++)
            {
                missing += composites.Holes[i] == h && double.IsNaN(ni[i]) ? PartialMetal(assay, column, composites.HoleNames[h], composites.From[i], composites.To[i]) : 0;
            }

            Assert.Equal(before, after + missing, 1e-6 * Math.Max(1, before));
        }

        var samples = composites.ToSampleSet();
        Assert.Equal(composites.Count, samples.Count);
        Assert.Equal(72, composites.HoleNames.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            Drillhole hole = db.Holes.Single(x => x.Id == composites.HoleNames[samples.HoleIds[i]]);
            Assert.Equal(hole.Trajectory().PointAt(0.5 * (composites.From[i] + composites.To[i])), samples.Locations[i]);
        }
    }

    private static double PartialMetal(IntervalTable table, int column, string hole, double from, double to) =>
        table.Rows(hole).Where(r => !double.IsNaN(r.Values[column]))
            .Sum(r => r.Values[column] * Math.Max(0, Math.Min(to, r.To) - Math.Max(from, r.From)));

    [Fact]
    public void Every_anomaly_kind_is_found_on_the_line_it_is_on()
    {
        using var folder = new TempFolder();
        // Semicolons, a byte-order mark, CRLF, common header aliases in other cases, and lengths in feet.
        string collar = Write(folder, "collar.csv",
            "BHID;EAST;NORTH;RL;EOH",
            "A;1000;2000;300;100",   // 2
            "B;1100;2000;300;",      // 3
            "A;1;1;1;1",             // 4 duplicate collar
            ";5;5;5;5",              // 5 blank id
            "C;x;2000;300;50",       // 6 invalid coordinate
            "D;1200;2000;300;60");   // 7 no surveys, no assays
        string survey = Write(folder, "survey.csv",
            "BHID;AT;DIP;BRG",
            "A;50;-60;350",          // 2
            "A;0;-60;355",           // 3 (unsorted: sorted)
            "A;50;-60;350",          // 4 duplicate
            "A;60;-61;10",           // 5 through north
            "A;60;-62;11",           // 6 conflicting
            "A;500;-60;10",          // 7 dummy (past total depth 100 ft + 50 m)
            "A;70;-95;10",           // 8 dip out of range
            "A;80;-60;370",          // 9 azimuth wrapped
            "Z;0;-90;0",             // 10 hole without collar
            "B;20;-70;90");          // 11 first survey below collar
        string assay = Write(folder, "assay.csv",
            "BHID;FROM;TO;CU;AU",
            "A;0;2;0.5;<0.01",       // 2 below detection text
            "A;2;4;-0.02;0.3",       // 3 negative = below detection
            "A;3;5;0.4;0.1",         // 4 overlap
            "A;6;8;abc;",            // 5 gap, non-numeric, blank
            "A;8;8;1;1",             // 6 from = to
            "A;90;120;1;1",          // 7 beyond the deepest survey and the total depth
            "B;4;6;-99;>10",         // 8 sentinel, above upper limit
            "B;0;4;0.3;0.2",         // 9 unsorted
            "Q;0;1;1;1");            // 10 no collar

        var options = new DrillholeImportOptions { Units = LengthUnit.Feet, MissingSentinels = [-99] };
        var (db, report) = DrillholeCsv.Read(collar, survey, [new IntervalTableSource("assay", assay)], options);

        string Where(AnomalyKind kind) => string.Join(" ", report.Of(kind).Select(a => $"{Path.GetFileNameWithoutExtension(a.File)}:{a.Line}"));
        Assert.Equal("collar:4", Where(AnomalyKind.DuplicateCollar));
        Assert.Equal("collar:5", Where(AnomalyKind.BlankHoleId));
        Assert.Equal("collar:6", Where(AnomalyKind.InvalidKeyField));
        Assert.Equal("survey:3 assay:9", Where(AnomalyKind.UnsortedRows));
        Assert.Equal("survey:4", Where(AnomalyKind.DuplicateSurvey));
        Assert.Equal("survey:5", Where(AnomalyKind.AzimuthThroughNorth));
        Assert.Equal("survey:6", Where(AnomalyKind.ConflictingSurvey));
        Assert.Equal("survey:7", Where(AnomalyKind.DummyStation));
        Assert.Equal("survey:8", Where(AnomalyKind.DipOutOfRange));
        Assert.Equal("survey:9", Where(AnomalyKind.AzimuthWrapped));
        Assert.Equal("survey:10 assay:10", Where(AnomalyKind.HoleWithoutCollar));
        Assert.Equal("survey:11", Where(AnomalyKind.FirstSurveyBelowCollar));
        Assert.Equal("collar:7", Where(AnomalyKind.CollarWithoutSurvey));
        Assert.Equal("collar:7", Where(AnomalyKind.CollarWithoutIntervals));
        Assert.Equal("assay:4", Where(AnomalyKind.OverlappingInterval));
        Assert.Equal("assay:5 assay:7", Where(AnomalyKind.GapBetweenIntervals));
        Assert.Equal("assay:5", Where(AnomalyKind.NonNumericValue));
        Assert.Equal("assay:6", Where(AnomalyKind.FromNotAboveTo));
        Assert.Equal("assay:7", Where(AnomalyKind.BeyondDeepestSurvey));
        Assert.Equal("assay:7", Where(AnomalyKind.BeyondTotalDepth));
        Assert.Equal("assay:2 assay:3 assay:8", Where(AnomalyKind.BelowDetection));
        Assert.All(report.Of(AnomalyKind.NonNumericValue), a => Assert.Equal("CU", a.Field));

        Drillhole a = db.Holes.Single(h => h.Id == "A");
        Assert.Equal(new Point3(1000, 2000, 300) * 0.3048, a.Collar);
        Assert.Equal(100 * 0.3048, a.TotalDepth, 1e-12);
        Assert.Equal([0, 50 * 0.3048, 60 * 0.3048, 80 * 0.3048], a.Surveys.Select(s => s.Depth).ToArray());
        Assert.Equal(10, a.Surveys[3].Azimuth, 1e-12);
        Assert.True(db.Holes.Single(h => h.Id == "D").SurveyAssumed);

        IntervalTable table = db.Table("assay");
        IReadOnlyList<IntervalRecord> rows = table.Rows("A");
        Assert.Equal([2L, 3, 5, 7], rows.Select(r => r.Line));
        Assert.Equal(0.005, rows[0].Values[table.ValueIndex("AU")], 1e-15);  // half of 0.01
        Assert.Equal(0.01, rows[1].Values[table.ValueIndex("CU")], 1e-15);   // half of |−0.02|
        Assert.True(double.IsNaN(rows[2].Values[table.ValueIndex("CU")]));
        Assert.True(double.IsNaN(rows[2].Values[table.ValueIndex("AU")]));
        IReadOnlyList<IntervalRecord> b = table.Rows("B");
        Assert.Equal([9L, 8], b.Select(r => r.Line));
        Assert.True(double.IsNaN(b[1].Values[table.ValueIndex("CU")]));
        Assert.Equal(10, b[1].Values[table.ValueIndex("AU")]);

        ColumnReport cu = report.Columns.Single(c => c.Column == "CU");
        Assert.Equal((1, 1, 1, 1), (cu.Blank + 1, cu.Sentinel, cu.BelowDetection, cu.NonNumeric)); // CU has no blanks
        foreach ((string file, (int read, int kept)) in report.Rows)
        {
            Assert.Equal(read - kept, report.Anomalies.Count(x => x.Excluded && x.File == file));
        }
    }

    [Theory]
    [InlineData(BelowDetectionPolicy.HalfDetectionLimit, 0.005)]
    [InlineData(BelowDetectionPolicy.DetectionLimit, 0.01)]
    [InlineData(BelowDetectionPolicy.Zero, 0.0)]
    [InlineData(BelowDetectionPolicy.Missing, double.NaN)]
    public void The_below_detection_policy_decides_the_value_and_every_one_is_counted(BelowDetectionPolicy policy, double expected)
    {
        using var folder = new TempFolder();
        string collar = Write(folder, "c.csv", "hole,x,y,z", "H,0,0,0");
        string assay = Write(folder, "a.csv", "hole,from,to,au", "H,0,1,<0.01", "H,1,2,-0.01");
        var (db, report) = DrillholeCsv.Read(collar, null, [new IntervalTableSource("assay", assay)], new DrillholeImportOptions { BelowDetection = policy });
        Assert.All(db.Table("assay").Rows("H"), r => Assert.Equal(expected, r.Values[0]));
        Assert.Equal(2, report.Columns.Single().BelowDetection);
        Assert.Equal(2, report.Of(AnomalyKind.BelowDetection).Count());
    }

    [Fact]
    public void A_missing_column_or_a_ragged_row_names_the_file_the_line_and_the_field()
    {
        using var folder = new TempFolder();
        string collar = Write(folder, "collar.csv", "hole,x,y", "H,0,0");
        var e = Assert.Throws<DataFormatException>(() => DrillholeCsv.Read(collar, null, []));
        Assert.Equal((collar, 1L, "z"), (e.FilePath, e.Line, e.Field));
        Assert.Contains("DrillholeColumns.Z", e.Message, StringComparison.Ordinal);

        string good = Write(folder, "collar2.csv", "hole,x,y,z", "H,0,0,0");
        string ragged = Write(folder, "assay.csv", "hole,from,to,cu", "H,0,1,0.5", "H,1,2");
        var r = Assert.Throws<DataFormatException>(() => DrillholeCsv.Read(good, null, [new IntervalTableSource("assay", ragged)]));
        Assert.Equal((ragged, 3L), (r.FilePath, r.Line));

        var m = Assert.Throws<DataFormatException>(() => DrillholeCsv.Read(good, null,
            [new IntervalTableSource("assay", ragged) { Values = ["zn"] }]));
        Assert.Equal("zn", m.Field);
    }

    [Fact]
    public void Composites_break_at_lithology_contacts_and_carry_the_rock_as_their_domain()
    {
        using var folder = new TempFolder();
        string collar = Write(folder, "collar.csv", "hole_id,x,y,z", "H1,100,200,500", "H2,300,200,500");
        string assay = Write(folder, "assay.csv", "hole_id,from,to,cu", "H1,0,10,1.0", "H1,10,20,2.0", "H2,0,6,0.5");
        string lith = Write(folder, "lith.csv", "hole_id,from,to,rock", "H1,0,3,oxide", "H1,3,20,sulphide", "H2,0,6,sulphide");
        var (db, _) = DrillholeCsv.Read(collar, null,
            [new IntervalTableSource("assay", assay), new IntervalTableSource("lith", lith) { Codes = ["rock"] }]);

        DrillholeComposites c = db.Composite("assay", null, new CompositingOptions { Length = 4, Residual = ResidualPolicy.Keep },
            breakOn: new IntervalColumn("lith", "rock"));

        Assert.Equal(["oxide", "sulphide"], c.CodeNames);
        Assert.Equal([0, 3, 7, 11, 15, 19, 0, 4], c.From.ToArray());
        Assert.Equal([3, 7, 11, 15, 19, 20, 4, 6], c.To.ToArray());
        Assert.Equal([1.0, 1.0, 1.25, 2.0, 2.0, 2.0, 0.5, 0.5], c.Values("cu").ToArray());
        Assert.Equal([0, 1, 1, 1, 1, 1, 1, 1], c.Codes.ToArray());
        // Vertical holes (no survey file): z = collar z − mid depth.
        Assert.Equal(500 - 1.5, c.Locations[0].Z, 1e-12);
        Assert.Equal(new Point3(300, 200, 498), c.Locations[6]);

        var samples = c.ToSampleSet();
        Assert.Equal([0, 1, 1, 1, 1, 1, 1, 1], samples.Domains.ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1], samples.HoleIds.ToArray());
        Assert.Equal(7, samples.InDomain(1).Count);

        string csv = folder.File("composites.csv");
        c.WriteCsv(csv);
        string[] lines = File.ReadAllLines(csv);
        Assert.Equal("hole,from,to,x,y,z,code,cu,cu_covered", lines[0]);
        Assert.Equal("H1,0,3,100,200,498.5,oxide,1,3", lines[1]);
    }

    [Fact]
    public void Import_reports_progress_and_honours_cancellation()
    {
        var stages = new List<WorkProgress>();
        Forrestania();
        DrillholeCsv.Read(ReferenceData.File("forrestania", "collar.csv"), ReferenceData.File("forrestania", "survey.csv"),
            [new IntervalTableSource("assay", ReferenceData.File("forrestania", "assay.csv"))], null, new SyncProgress(stages.Add));
        Assert.Equal(["Reading collar.csv", "Reading survey.csv", "Reading assay.csv", "Validated"], stages.Select(s => s.Stage));
        Assert.Equal(1.0, stages[^1].Fraction);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => DrillholeCsv.Read(ReferenceData.File("forrestania", "collar.csv"), null, [], null, null, cancelled.Token));
    }

    private sealed class SyncProgress(Action<WorkProgress> report) : IProgress<WorkProgress>
    {
        public void Report(WorkProgress value) => report(value);
    }

    private static string Write(TempFolder folder, string name, params string[] lines)
    {
        string path = folder.File(name);
        // A byte-order mark and CRLF line ends, as spreadsheets write them.
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
        return path;
    }
}
