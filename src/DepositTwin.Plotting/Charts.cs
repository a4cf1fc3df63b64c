using DepositTwin.BlockModels;
using DepositTwin.Geometry;
using DepositTwin.IO;
using DepositTwin.Planning;
using DepositTwin.Resources;
using DepositTwin.Statistics;
using DepositTwin.Variography;
using ScottPlot;

namespace DepositTwin.Plotting;

/// <summary>Which slice of a block model a map shows.</summary>
public enum SliceKind
{
    /// <summary>A bench (constant k): a plan.</summary>
    Plan,

    /// <summary>Constant j: an east–west section.</summary>
    SectionAlongX,

    /// <summary>Constant i: a north–south section.</summary>
    SectionAlongY,
}

/// <summary>One directional experimental variogram to plot with its direction (for the model curve).</summary>
/// <param name="Label">Legend text, e.g. "N000".</param>
/// <param name="Variogram">The experimental variogram.</param>
/// <param name="Direction">Unit vector of the direction (the model is drawn along it).</param>
public readonly record struct VariogramSeries(string Label, ExperimentalVariogram Variogram, Point3 Direction);

/// <summary>
/// PNG plots of the data the core library computes. Every file is written all or nothing (rendered in
/// memory, then through <see cref="AtomicFile"/>); sizes are in pixels.
/// </summary>
public static class Charts
{
    private const int Width = 900, Height = 600;

    /// <summary>A histogram (frequency per bin) with the cumulative frequency on the right axis.</summary>
    public static void Histogram(IReadOnlyList<HistogramBin> bins, string path, string title, string valueLabel)
    {
        ArgumentNullException.ThrowIfNull(bins);
        var plot = new Plot();
        var bars = plot.Add.Bars(bins.Select(b => 0.5 * (b.Lower + b.Upper)).ToArray(), bins.Select(b => 100 * b.Frequency).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = bins.Count > 0 ? (bins[0].Upper - bins[0].Lower) * 0.95 : 1;
        }

        bars.LegendText = "frequency";
        var cumulative = plot.Add.ScatterLine(bins.Select(b => b.Upper).ToArray(), bins.Select(b => 100 * b.Cumulative).ToArray());
        cumulative.Axes.YAxis = plot.Axes.Right;
        cumulative.LegendText = "cumulative";
        plot.Axes.Right.Label.Text = "cumulative %";
        Finish(plot, path, title, valueLabel, "frequency %");
    }

    /// <summary>Experimental variograms (points, sized by nothing, labelled with their pairs in the legend) with the model along each direction.</summary>
    public static void Variogram(IReadOnlyList<VariogramSeries> series, VariogramModel model, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(model);
        var plot = new Plot();
        foreach (VariogramSeries s in series)
        {
            VariogramLag[] lags = s.Variogram.Lags.Where(l => l.Pairs > 0).ToArray();
            var points = plot.Add.ScatterPoints(lags.Select(l => l.MeanDistance).ToArray(), lags.Select(l => l.Value).ToArray());
            points.LegendText = $"{s.Label} ({lags.Sum(l => l.Pairs):N0} pairs)";
            points.MarkerSize = 8;
            double reach = lags.Length > 0 ? lags.Max(l => l.MeanDistance) * 1.05 : 1;
            var curve = model.Curve(s.Direction, reach);
            var line = plot.Add.ScatterLine(curve.Select(c => c.Distance).ToArray(), curve.Select(c => c.Gamma).ToArray());
            line.Color = points.Color;
            line.LegendText = $"{s.Label} model";
        }

        plot.Axes.SetLimitsY(0, Math.Max(model.TotalSill * 1.2, series.SelectMany(s => s.Variogram.Lags).Where(l => l.Pairs > 0).Select(l => l.Value).DefaultIfEmpty(0).Max() * 1.1));
        Finish(plot, path, title, "distance (m)", "γ(h)");
    }

    /// <summary>Grade–tonnage curves: tonnes above cut-off (solid, left axis) and mean grade above cut-off (dashed, right axis) per curve.</summary>
    public static void GradeTonnage(IReadOnlyList<(string Label, GradeTonnageCurve Curve)> curves, string path, string title, string gradeLabel)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var plot = new Plot();
        foreach ((string label, GradeTonnageCurve curve) in curves)
        {
            double[] cut = curve.Points.Select(p => p.CutOff).ToArray();
            var tonnes = plot.Add.ScatterLine(cut, curve.Points.Select(p => p.Tonnes / 1e6).ToArray());
            tonnes.LegendText = $"{label}: Mt";
            tonnes.LineWidth = 2;
            GradeTonnagePoint[] withGrade = curve.Points.Where(p => !double.IsNaN(p.MeanGrade)).ToArray();
            var grade = plot.Add.ScatterLine(withGrade.Select(p => p.CutOff).ToArray(), withGrade.Select(p => p.MeanGrade).ToArray());
            grade.Axes.YAxis = plot.Axes.Right;
            grade.Color = tonnes.Color;
            grade.LinePattern = LinePattern.Dashed;
            grade.LegendText = $"{label}: grade above cut-off";
        }

        plot.Axes.Right.Label.Text = $"mean {gradeLabel} above cut-off";
        Finish(plot, path, title, $"cut-off ({gradeLabel})", "million tonnes above cut-off");
    }

    /// <summary>
    /// A plan or section of a block attribute (missing and inactive blocks blank), with an optional outline:
    /// the blocks where an integer attribute is 1 (e.g. the pit) are drawn as a boundary line.
    /// </summary>
    /// <param name="model">The block model (unrotated grids are drawn in their coordinates).</param>
    /// <param name="attribute">The attribute to colour.</param>
    /// <param name="kind">Plan or section.</param>
    /// <param name="index">The bench k, row j or column i of the slice.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="title">The title.</param>
    /// <param name="outline">An integer attribute whose 1-blocks are outlined (e.g. "pit"); null for none.</param>
    /// <param name="trueScale">Equal units on both axes; false stretches the slice to the picture (a vertical exaggeration for thin layers).</param>
    public static void Slice(BlockModel model, string attribute, SliceKind kind, int index, string path, string title, string? outline = null, bool trueScale = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        GridDefinition g = model.Grid;
        BlockAttribute values = model[attribute];
        BlockAttribute? flag = outline is null ? null : model[outline];
        (int nu, int nv) = kind switch { SliceKind.Plan => (g.CountX, g.CountY), SliceKind.SectionAlongX => (g.CountX, g.CountZ), _ => (g.CountY, g.CountZ) };
        int Linear(int u, int v) => kind switch
        {
            SliceKind.Plan => g.LinearIndex(u, v, index),
            SliceKind.SectionAlongX => g.LinearIndex(u, index, v),
            _ => g.LinearIndex(index, u, v),
        };

        var data = new double[nv, nu];
        var inside = new bool[nv, nu];
        for (int v = 0; v < nv; v++)
        {
            for (int u = 0; u < nu; u++)
            {
                int row = model.RowOf(Linear(u, v));
                // Heatmaps draw their first row at the top: rows go from the highest v down.
                data[nv - 1 - v, u] = row < 0 ? double.NaN : values.GetDouble(row);
                inside[v, u] = row >= 0 && flag is not null && flag.GetDouble(row) == 1;
            }
        }

        Point3 size = g.BlockSize;
        (double du, double dv, double u0, double v0) = kind switch
        {
            SliceKind.Plan => (size.X, size.Y, g.Origin.X, g.Origin.Y),
            SliceKind.SectionAlongX => (size.X, size.Z, g.Origin.X, g.Origin.Z),
            _ => (size.Y, size.Z, g.Origin.Y, g.Origin.Z),
        };
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.Position = new CoordinateRect(u0, u0 + nu * du, v0, v0 + nv * dv);
        heatmap.NaNCellColor = Colors.Transparent;
        plot.Add.ColorBar(heatmap).Label = $"{attribute}{(values.Unit.Length > 0 ? $" ({values.Unit})" : "")}";
        if (flag is not null)
        {
            // The outline: every edge between an inside and an outside cell.
            for (int v = 0; v < nv; v++)
            {
                for (int u = 0; u < nu; u++)
                {
                    if (!inside[v, u])
                    {
                        continue;
                    }

                    double x0 = u0 + u * du, x1 = x0 + du, y0 = v0 + v * dv, y1 = y0 + dv;
                    if (u == 0 || !inside[v, u - 1]) Edge(plot, x0, y0, x0, y1);
                    if (u == nu - 1 || !inside[v, u + 1]) Edge(plot, x1, y0, x1, y1);
                    if (v == 0 || !inside[v - 1, u]) Edge(plot, x0, y0, x1, y0);
                    if (v == nv - 1 || !inside[v + 1, u]) Edge(plot, x0, y1, x1, y1);
                }
            }
        }

        if (trueScale)
        {
            plot.Axes.SquareUnits();
        }

        string[] labels = kind switch { SliceKind.Plan => ["easting (m)", "northing (m)"], SliceKind.SectionAlongX => ["easting (m)", "elevation (m)"], _ => ["northing (m)", "elevation (m)"] };
        Finish(plot, path, title, labels[0], labels[1], legend: false);
    }

    /// <summary>The pit-by-pit graph: ore and waste tonnes per nested pit (stacked bars) and the pit's value (line, right axis).</summary>
    public static void PitByPit(NestedPits pits, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(pits);
        var plot = new Plot();
        double[] position = Enumerable.Range(1, pits.Pits.Count).Select(i => (double)i).ToArray();
        var bars = new List<Bar>();
        for (int p = 0; p < pits.Pits.Count; p++)
        {
            NestedPit pit = pits.Pits[p];
            bars.Add(new Bar { Position = position[p], ValueBase = 0, Value = pit.OreTonnes / 1e6, FillColor = Colors.Orange, Size = 0.7 });
            bars.Add(new Bar { Position = position[p], ValueBase = pit.OreTonnes / 1e6, Value = pit.Tonnes / 1e6, FillColor = Colors.Gray, Size = 0.7 });
        }

        plot.Add.Bars(bars);
        var value = plot.Add.Scatter(position, pits.Pits.Select(p => p.Value / 1e6).ToArray());
        value.Axes.YAxis = plot.Axes.Right;
        value.LegendText = "pit value (M$, revenue factor 1)";
        value.LineWidth = 2;
        plot.Axes.Right.Label.Text = "undiscounted value (M$)";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "ore Mt", FillColor = Colors.Orange });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "waste Mt", FillColor = Colors.Gray });
        Finish(plot, path, title, "nested pit (revenue factors ascending)", "million tonnes");
    }

    /// <summary>A bar per period of a schedule (rock and ore tonnes) with the cumulative discounted cash flow.</summary>
    public static void Schedule(ProductionSchedule schedule, string path, string title)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var plot = new Plot();
        double[] period = schedule.Periods.Select(p => (double)p.Period + 1).ToArray();
        var rock = plot.Add.Bars(period, schedule.Periods.Select(p => p.RockTonnes / 1e6).ToArray());
        rock.LegendText = "rock Mt";
        rock.Color = Colors.Gray;
        var ore = plot.Add.Bars(period, schedule.Periods.Select(p => p.OreTonnes / 1e6).ToArray());
        ore.LegendText = "ore Mt";
        ore.Color = Colors.Orange;
        double running = 0;
        var npv = plot.Add.Scatter(period, schedule.Periods.Select(p => (running += p.DiscountedCashFlow) / 1e6).ToArray());
        npv.Axes.YAxis = plot.Axes.Right;
        npv.LegendText = "cumulative discounted cash flow (M$)";
        plot.Axes.Right.Label.Text = "M$";
        Finish(plot, path, title, "period", "million tonnes");
    }

    /// <summary>Lines of values against a common x (e.g. reconciliation factors by period), with an optional horizontal reference line.</summary>
    public static void Lines(IReadOnlyList<(string Label, double[] X, double[] Y)> series, string path, string title, string xLabel, string yLabel, double? reference = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        var plot = new Plot();
        foreach ((string label, double[] x, double[] y) in series)
        {
            var line = plot.Add.Scatter(x, y);
            line.LegendText = label;
            line.LineWidth = 2;
        }

        if (reference is { } r)
        {
            var h = plot.Add.HorizontalLine(r);
            h.Color = Colors.Black;
            h.LinePattern = LinePattern.Dotted;
        }

        Finish(plot, path, title, xLabel, yLabel);
    }

    private static void Edge(Plot plot, double x0, double y0, double x1, double y1)
    {
        var line = plot.Add.Line(x0, y0, x1, y1);
        line.Color = Colors.Black;
        line.LineWidth = 2;
    }

    private static void Finish(Plot plot, string path, string title, string xLabel, string yLabel, bool legend = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        if (legend)
        {
            plot.ShowLegend(Alignment.UpperRight);
        }

        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
