using DepositTwin.Drillholes;
using DepositTwin.Geometry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Drillholes;

public class HoleTrajectoryTests
{
    private static readonly Point3 Collar = new(500_100, 2_900_200, 3_300);

    public static TheoryData<DesurveyMethod> Methods => [DesurveyMethod.MinimumCurvature, DesurveyMethod.Tangent, DesurveyMethod.BalancedTangent];

    private static void AssertNear(Point3 expected, Point3 actual, double tolerance = 1e-9)
    {
        Assert.True(expected.DistanceTo(actual) <= tolerance, $"expected {expected}, got {actual}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_vertical_hole_goes_straight_down_from_the_collar(DesurveyMethod method)
    {
        var hole = new HoleTrajectory(Collar, [new SurveyStation(0, 0, -90), new SurveyStation(50, 123, -90), new SurveyStation(120, 300, -90)], method);
        foreach (double depth in new[] { 0.0, 7.5, 50, 99.9, 120, 250 })
        {
            AssertNear(new Point3(Collar.X, Collar.Y, Collar.Z - depth), hole.PointAt(depth));
        }
    }

    [Fact]
    public void Constant_angles_give_the_same_straight_hole_for_every_method()
    {
        SurveyStation[] stations = [new(0, 45, -60), new(30, 45, -60), new(80, 45, -60)];
        Point3 direction = HoleTrajectory.Direction(45, 60);
        foreach (DesurveyMethod method in new[] { DesurveyMethod.MinimumCurvature, DesurveyMethod.Tangent, DesurveyMethod.BalancedTangent })
        {
            var hole = new HoleTrajectory(Collar, stations, method);
            foreach (double depth in new[] { 0.0, 12.3, 30, 55, 80, 140 })
            {
                AssertNear(Collar + depth * direction, hole.PointAt(depth));
            }
        }
    }

    [Fact]
    public void A_quarter_circle_survey_reproduces_the_arc_exactly()
    {
        // From horizontal north to vertically down over a quarter circle of radius 100 m.
        double radius = 100, length = radius * Math.PI / 2;
        var hole = new HoleTrajectory(Collar, [new SurveyStation(0, 0, 0), new SurveyStation(length, 0, -90)]);
        AssertNear(Collar + new Point3(0, radius, -radius), hole.PointAt(length));
        for (double s = 0; s <= 1; s += 0.125)
        {
            double angle = s * Math.PI / 2;
            AssertNear(Collar + new Point3(0, radius * Math.Sin(angle), -radius * (1 - Math.Cos(angle))), hole.PointAt(s * length));
            Point3 direction = hole.DirectionAt(s * length);
            AssertNear(new Point3(0, Math.Cos(angle), -Math.Sin(angle)), direction);
        }
    }

    [Fact]
    public void Tangent_and_balanced_tangent_follow_their_definitions()
    {
        SurveyStation[] stations = [new(0, 0, -60), new(40, 90, -80)];
        Point3 t1 = HoleTrajectory.Direction(0, 60), t2 = HoleTrajectory.Direction(90, 80);
        AssertNear(Collar + 40 * t1, new HoleTrajectory(Collar, stations, DesurveyMethod.Tangent).PointAt(40));
        AssertNear(Collar + 20 * t1 + 20 * t2, new HoleTrajectory(Collar, stations, DesurveyMethod.BalancedTangent).PointAt(40));
        // Minimum curvature is the balanced tangent scaled by the ratio factor (2/β)·tan(β/2).
        double beta = Math.Acos(Point3.Dot(t1, t2));
        AssertNear(Collar + (2 / beta * Math.Tan(beta / 2)) * (20 * t1 + 20 * t2), new HoleTrajectory(Collar, stations).PointAt(40));
    }

    [Fact]
    public void The_first_survey_extends_up_to_the_collar_and_the_last_down_past_the_end()
    {
        var hole = new HoleTrajectory(Collar, [new SurveyStation(12, 90, -45), new SurveyStation(60, 90, -45)]);
        Point3 direction = HoleTrajectory.Direction(90, 45);
        AssertNear(Collar + 5 * direction, hole.PointAt(5));
        AssertNear(Collar + 200 * direction, hole.PointAt(200));
    }

    [Fact]
    public void Positive_down_dips_mean_the_same_hole()
    {
        var negative = new HoleTrajectory(Collar, [new SurveyStation(0, 10, -70), new SurveyStation(90, 25, -55)]);
        var positive = new HoleTrajectory(Collar, [new SurveyStation(0, 10, 70), new SurveyStation(90, 25, 55)], dips: DipConvention.PositiveDown);
        AssertNear(negative.PointAt(77), positive.PointAt(77), 1e-12);
    }

    [Fact]
    public void Bad_surveys_are_rejected_with_the_station_named()
    {
        Assert.Throws<ArgumentException>(() => new HoleTrajectory(Collar, []));
        Assert.Contains("station 1", Assert.Throws<ArgumentException>(() => new HoleTrajectory(Collar, [new(10, 0, -90), new(10, 0, -80)])).Message);
        Assert.Throws<ArgumentException>(() => new HoleTrajectory(Collar, [new(0, 0, -95)]));
        Assert.Throws<ArgumentException>(() => new HoleTrajectory(Collar, [new(-1, 0, -90)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HoleTrajectory(Collar, [new(0, 0, -90)]).PointAt(-1));
    }

    private static Arbitrary<SurveyStation[]> Surveys =>
        (from count in Gen.Choose(1, 8)
         from steps in Gen.ArrayOf(Gen.Choose(5, 60), count)
         from azimuths in Gen.ArrayOf(Gen.Choose(0, 359), count)
         from dips in Gen.ArrayOf(Gen.Choose(-90, -20), count)
         select Enumerable.Range(0, count).Select(i => new SurveyStation(steps.Take(i).Sum(), azimuths[i], dips[i])).ToArray()).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property The_path_is_continuous_and_never_longer_than_the_depth_drilled() =>
        Prop.ForAll(Surveys, stations =>
        {
            foreach (DesurveyMethod method in new[] { DesurveyMethod.MinimumCurvature, DesurveyMethod.Tangent, DesurveyMethod.BalancedTangent })
            {
                var hole = new HoleTrajectory(Collar, stations, method);
                double end = stations[^1].Depth + 20;
                Point3 previous = hole.PointAt(0);
                for (double depth = 0.5; depth <= end; depth += 0.5)
                {
                    Point3 p = hole.PointAt(depth);
                    double chord = p.DistanceTo(previous);
                    Assert.True(chord <= 0.5 + 1e-9, $"{method}: a 0.5 m step moved {chord} m at {depth} m");
                    Assert.True(chord >= 0.5 * 0.99, $"{method}: the path jumped back at {depth} m");
                    previous = p;
                }
            }
        });
}
