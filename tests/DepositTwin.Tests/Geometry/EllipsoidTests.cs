using DepositTwin.Geometry;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DepositTwin.Tests.Geometry;

public class EllipsoidTests
{
    private static Point3 Horizontal(double azimuthDegrees, double length)
    {
        double a = azimuthDegrees * Math.PI / 180;
        return new Point3(length * Math.Sin(a), length * Math.Cos(a), 0);
    }

    [Fact]
    public void Points_at_the_three_ranges_are_all_at_the_major_range()
    {
        // Ranges 300/150/50 at azimuth 30: the worked numbers.
        var e = new Ellipsoid(Rotation.FromGslib(30, 0, 0), 300, 150, 50);
        var centre = new Point3(1000, 2000, 300);
        Assert.Equal(300, e.AnisotropicDistance(centre, centre + Horizontal(30, 300)), 1e-9);
        Assert.Equal(300, e.AnisotropicDistance(centre, centre + Horizontal(120, 150)), 1e-9);
        Assert.Equal(300, e.AnisotropicDistance(centre, centre + new Point3(0, 0, 50)), 1e-9);
        Assert.Equal(300, e.AnisotropicDistance(centre, centre + new Point3(0, 0, -50)), 1e-9);
        Assert.True(e.Contains(centre, centre + Horizontal(120, 149.9)));
        Assert.False(e.Contains(centre, centre + Horizontal(120, 150.1)));
    }

    [Fact]
    public void GSLIB_ratios_give_the_same_ellipsoid()
    {
        var fromRanges = new Ellipsoid(Rotation.FromGslib(30, -15, 10), 300, 150, 50);
        var fromRatios = Ellipsoid.FromGslib(300, 30, -15, 10, 0.5, 50.0 / 300);
        Assert.Equal(fromRanges.Anis1, fromRatios.Anis1, 1e-15);
        Assert.Equal(fromRanges.Anis2, fromRatios.Anis2, 1e-15);
        var p = new Point3(12, -40, 7);
        Assert.Equal(fromRanges.AnisotropicDistance(Point3.Zero, p), fromRatios.AnisotropicDistance(Point3.Zero, p), 1e-12);
    }

    [Theory]
    [InlineData(0, 10, 10, "major")]
    [InlineData(double.PositiveInfinity, 10, 10, "major")]
    [InlineData(100, 0, 10, "semiMajor")]
    [InlineData(100, 101, 10, "semiMajor")]
    [InlineData(100, 50, -1, "minor")]
    [InlineData(100, 50, double.NaN, "minor")]
    public void Invalid_ranges_are_rejected_naming_the_parameter(double major, double semi, double minor, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Ellipsoid(Rotation.None, major, semi, minor));
        Assert.Equal(parameter, e.ParamName);
    }

    private static Arbitrary<(double Az, double Dip, double Rake, double Semi, double Minor, double U, double V)> Shapes =>
        (from az in Gen.Choose(0, 360)
         from dip in Gen.Choose(-90, 90)
         from rake in Gen.Choose(-90, 90)
         from semi in Gen.Choose(1, 100)
         from minor in Gen.Choose(1, 100)
         from u in Gen.Choose(0, 359)
         from v in Gen.Choose(-89, 89)
         select ((double)az, (double)dip, (double)rake, semi / 100.0, minor / 100.0, (double)u, (double)v)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Surface_points_lie_inside_the_bounding_box_and_at_the_major_range() =>
        Prop.ForAll(Shapes, s =>
        {
            var e = Ellipsoid.FromGslib(200, s.Az, s.Dip, s.Rake, s.Semi, s.Minor);
            double u = s.U * Math.PI / 180, v = s.V * Math.PI / 180;
            // A point of the surface: unit sphere direction scaled by the ranges along the axes.
            var axes = new Point3(e.Major * Math.Cos(v) * Math.Cos(u), e.SemiMajor * Math.Cos(v) * Math.Sin(u), e.Minor * Math.Sin(v));
            Point3 world = e.Rotation.FromAxesComponents(axes);
            Assert.Equal(e.Major, e.AnisotropicDistance(Point3.Zero, world), 1e-9);
            Point3 half = e.BoundingHalfExtents();
            Assert.True(Math.Abs(world.X) <= half.X + 1e-9 && Math.Abs(world.Y) <= half.Y + 1e-9 && Math.Abs(world.Z) <= half.Z + 1e-9);
        });

    [Property(MaxTest = 200)]
    public Property Anisotropic_distance_is_symmetric_and_translation_invariant() =>
        Prop.ForAll(Shapes, s =>
        {
            var e = Ellipsoid.FromGslib(200, s.Az, s.Dip, s.Rake, s.Semi, s.Minor);
            var a = new Point3(s.U, s.V, s.Az);
            var b = new Point3(s.Rake, s.Dip, s.U * 0.5);
            var shift = new Point3(654321.5, 2345678.25, 1500);
            double d = e.AnisotropicDistance(a, b);
            Assert.Equal(d, e.AnisotropicDistance(b, a), 1e-9);
            Assert.Equal(d, e.AnisotropicDistance(a + shift, b + shift), 1e-6);
        });
}
