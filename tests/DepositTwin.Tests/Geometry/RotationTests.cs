using DepositTwin.Geometry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Geometry;

public class RotationTests
{
    private const double Tol = 1e-7; // the DESIGN.md anchors are given to 7 decimals

    private static void AssertRow(Point3 expected, Point3 actual, double tol = Tol)
    {
        Assert.Equal(expected.X, actual.X, tol);
        Assert.Equal(expected.Y, actual.Y, tol);
        Assert.Equal(expected.Z, actual.Z, tol);
    }

    [Fact]
    public void Azimuth_30_matches_the_GSLIB_anchor()
    {
        Matrix3 m = Rotation.FromGslib(30, 0, 0).Matrix;
        AssertRow(new Point3(0.5, 0.8660254, 0), m.Row1);
        AssertRow(new Point3(-0.8660254, 0.5, 0), m.Row2);
        AssertRow(new Point3(0, 0, 1), m.Row3);
    }

    [Fact]
    public void Azimuth_dip_rake_matches_the_GSLIB_anchor()
    {
        Matrix3 m = Rotation.FromGslib(30, -15, 10).Matrix;
        AssertRow(new Point3(0.4829629, 0.8365163, -0.2588190), m.Row1);
        AssertRow(new Point3(-0.8303968, 0.5313260, 0.1677313), m.Row2);
        AssertRow(new Point3(0.2778272, 0.1339145, 0.9512512), m.Row3);
    }

    [Fact]
    public void Negative_dip_points_the_major_axis_down()
    {
        Point3 major = Rotation.FromGslib(0, -30, 0).MajorAxis;
        AssertRow(new Point3(0, Math.Cos(Math.PI / 6), -0.5), major, 1e-15);
    }

    [Fact]
    public void Dip_outside_plus_minus_90_is_rejected_naming_the_parameter()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Rotation.FromGslib(0, -91, 0));
        Assert.Equal("dip", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Rotation.FromGslib(double.NaN, 0, 0));
    }

    [Fact]
    public void A_plane_dipping_east_with_zero_pitch_has_a_north_major_axis_and_rake_equal_to_dip()
    {
        Rotation r = Rotation.FromDipDirection(dip: 30, dipDirection: 90, pitch: 0);
        Assert.Equal(0, r.Azimuth, 1e-12);
        Assert.Equal(0, r.Dip, 1e-12);
        Assert.Equal(30, r.Rake, 1e-12);
        AssertRow(new Point3(0.5, 0, Math.Cos(Math.PI / 6)), r.MinorAxis, 1e-12); // the upward plane normal
    }

    [Fact]
    public void A_pitch_of_90_puts_the_major_axis_down_dip()
    {
        Rotation r = Rotation.FromDipDirection(dip: 30, dipDirection: 90, pitch: 90);
        Assert.Equal(90, r.Azimuth, 1e-12);
        Assert.Equal(-30, r.Dip, 1e-12);
    }

    [Fact]
    public void A_vertical_major_axis_is_handled_without_gimbal_trouble()
    {
        Rotation r = Rotation.FromAxes(new Point3(0, 0, -1), new Point3(1, 0, 0));
        AssertRow(new Point3(0, 0, -1), r.MajorAxis, 1e-12);
        AssertRow(new Point3(1, 0, 0), r.SemiMajorAxis, 1e-12);
    }

    private static Arbitrary<(double Azimuth, double Dip, double Rake)> Angles =>
        (from az in Gen.Choose(-360_000, 720_000)
         from dip in Gen.Choose(-89_990, 89_990)
         from rake in Gen.Choose(-180_000, 180_000)
         select (az / 1000.0, dip / 1000.0, rake / 1000.0)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Matrix_is_orthonormal_and_right_handed() =>
        Prop.ForAll(Angles, a =>
        {
            Matrix3 m = Rotation.FromGslib(a.Azimuth, a.Dip, a.Rake).Matrix;
            Matrix3 identity = m * m.Transpose();
            Assert.Equal(1, identity.M11, 1e-12);
            Assert.Equal(1, identity.M22, 1e-12);
            Assert.Equal(1, identity.M33, 1e-12);
            Assert.Equal(0, identity.M12, 1e-12);
            Assert.Equal(0, identity.M13, 1e-12);
            Assert.Equal(0, identity.M23, 1e-12);
            Assert.Equal(1, m.Determinant, 1e-12);
        });

    [Property(MaxTest = 300)]
    public Property FromAxes_inverts_the_GSLIB_matrix() =>
        Prop.ForAll(Angles, a =>
        {
            Rotation r = Rotation.FromGslib(a.Azimuth, a.Dip, a.Rake);
            Rotation back = Rotation.FromAxes(r.MajorAxis, r.SemiMajorAxis);
            AssertRow(r.MajorAxis, back.MajorAxis, 1e-12);
            AssertRow(r.SemiMajorAxis, back.SemiMajorAxis, 1e-12);
            AssertRow(r.MinorAxis, back.MinorAxis, 1e-12);
        });

    [Property(MaxTest = 300)]
    public Property Dip_direction_round_trip_gives_the_same_anisotropic_distances() =>
        Prop.ForAll(Angles, a =>
        {
            var original = new Ellipsoid(Rotation.FromGslib(a.Azimuth, a.Dip, a.Rake), 300, 150, 50);
            PlaneOrientation plane = original.Rotation.ToDipDirection();
            Assert.InRange(plane.Dip, 0, 90);
            Assert.InRange(plane.DipDirection, 0, 360);
            Assert.InRange(plane.Pitch, 0, 180);
            var converted = new Ellipsoid(Rotation.FromDipDirection(plane.Dip, plane.DipDirection, plane.Pitch), 300, 150, 50);
            var random = new Random(HashCode.Combine(a.Azimuth, a.Dip, a.Rake));
            for (int n = 0; n < 10; n++)
            {
                var d = new Point3(random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100, random.NextDouble() * 200 - 100);
                Assert.Equal(original.AnisotropicDistance(Point3.Zero, d), converted.AnisotropicDistance(Point3.Zero, d), 1e-9);
            }
        });
}
