namespace DepositTwin.Geometry;

/// <summary>The (i, j, k) index of a block along the grid's columns, rows and levels (benches).</summary>
/// <param name="I">Column, along the grid's X axis, from 0.</param>
/// <param name="J">Row, along the grid's Y axis, from 0.</param>
/// <param name="K">Level (bench), along Z upward, from 0 at the bottom.</param>
public readonly record struct BlockIndex(int I, int J, int K);
