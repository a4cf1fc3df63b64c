namespace DepositTwin.Geometry;

/// <summary>
/// A 3 × 3 matrix of doubles stored by rows; applied to column vectors (<c>M · v</c>).
/// </summary>
public readonly record struct Matrix3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    /// <summary>The identity matrix.</summary>
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Builds a matrix from its three rows.</summary>
    public static Matrix3 FromRows(Point3 row1, Point3 row2, Point3 row3) =>
        new(row1.X, row1.Y, row1.Z, row2.X, row2.Y, row2.Z, row3.X, row3.Y, row3.Z);

    /// <summary>Row 1.</summary>
    public Point3 Row1 => new(M11, M12, M13);

    /// <summary>Row 2.</summary>
    public Point3 Row2 => new(M21, M22, M23);

    /// <summary>Row 3.</summary>
    public Point3 Row3 => new(M31, M32, M33);

    /// <summary>The product <c>M · v</c>.</summary>
    public Point3 Transform(Point3 v) => new(
        M11 * v.X + M12 * v.Y + M13 * v.Z,
        M21 * v.X + M22 * v.Y + M23 * v.Z,
        M31 * v.X + M32 * v.Y + M33 * v.Z);

    /// <summary>The transpose (the inverse when the matrix is orthonormal).</summary>
    public Matrix3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>The product <c>A · B</c>.</summary>
    public static Matrix3 operator *(Matrix3 a, Matrix3 b)
    {
        Matrix3 bt = b.Transpose();
        return new(
            Point3.Dot(a.Row1, bt.Row1), Point3.Dot(a.Row1, bt.Row2), Point3.Dot(a.Row1, bt.Row3),
            Point3.Dot(a.Row2, bt.Row1), Point3.Dot(a.Row2, bt.Row2), Point3.Dot(a.Row2, bt.Row3),
            Point3.Dot(a.Row3, bt.Row1), Point3.Dot(a.Row3, bt.Row2), Point3.Dot(a.Row3, bt.Row3));
    }

    /// <summary>The determinant.</summary>
    public double Determinant =>
        M11 * (M22 * M33 - M23 * M32) - M12 * (M21 * M33 - M23 * M31) + M13 * (M21 * M32 - M22 * M31);
}
