using System.Globalization;
using DepositTwin.Geometry;
using DepositTwin.IO;

namespace DepositTwin.Drillholes;

/// <summary>
/// Reads a drillhole database from CSV files (collar, survey and any number of interval tables) and
/// validates it: every anomaly is listed in a <see cref="DrillholeValidationReport"/> with hole, file,
/// line and field; rows are excluded only with a listed reason; nothing is invented silently.
/// </summary>
/// <remarks>
/// Structural problems (a missing file or header, a required column that cannot be found, a row with the
/// wrong number of fields) throw <see cref="DataFormatException"/>: they mean the file is not what it was
/// said to be. Problems of individual rows and values are reported and handled as
/// <see cref="AnomalyKind"/> documents. UTF-8 with or without BOM, CRLF or LF, comma, semicolon or tab.
/// </remarks>
public static class DrillholeCsv
{
    private static readonly string[] HoleAliases = ["holeid", "hole", "bhid", "dhid", "holename", "id"];
    private static readonly string[] XAliases = ["x", "east", "easting", "xcollar", "e"];
    private static readonly string[] YAliases = ["y", "north", "northing", "ycollar", "n"];
    private static readonly string[] ZAliases = ["z", "rl", "elevation", "elev", "zcollar", "collarrl"];
    private static readonly string[] TotalDepthAliases = ["maxdepth", "eoh", "totaldepth", "depth", "length", "enddepth"];
    private static readonly string[] DepthAliases = ["depth", "at", "distance", "surveydepth"];
    private static readonly string[] DipAliases = ["dip", "inclination", "incl"];
    private static readonly string[] AzimuthAliases = ["azimuth", "azi", "az", "bearing", "brg"];
    private static readonly string[] FromAliases = ["from", "depthfrom", "mfrom", "fromm", "start"];
    private static readonly string[] ToAliases = ["to", "depthto", "mto", "tom", "end"];

    /// <summary>Reads and validates the database.</summary>
    /// <param name="collarPath">The collar file: hole id, x, y, z, optionally total depth.</param>
    /// <param name="surveyPath">The survey file: hole id, depth, dip, azimuth; null when there is none (every hole gets the default survey, reported).</param>
    /// <param name="intervalTables">Interval tables: hole id, from, to, value and code columns.</param>
    /// <param name="options">Column names, units, dip convention, policies; defaults when null.</param>
    /// <param name="progress">Reports each file as it is read.</param>
    /// <param name="cancellationToken">Stops the import (nothing is returned).</param>
    /// <exception cref="DataFormatException">A file is empty, lacks a required column, or has a row with the wrong number of fields.</exception>
    public static (DrillholeDatabase Database, DrillholeValidationReport Report) Read(string collarPath, string? surveyPath,
        IReadOnlyList<IntervalTableSource> intervalTables, DrillholeImportOptions? options = null,
        IProgress<WorkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(collarPath);
        ArgumentNullException.ThrowIfNull(intervalTables);
        var import = new Import(options ?? new DrillholeImportOptions(), cancellationToken);
        int files = 2 + intervalTables.Count, done = 0;
        void Step(string path) => progress?.Report(new WorkProgress($"Reading {Path.GetFileName(path)}", done++, files));

        Step(collarPath);
        import.ReadCollars(collarPath);
        var surveys = new Dictionary<string, List<(SurveyStation Station, long Line)>>(StringComparer.Ordinal);
        if (surveyPath is not null)
        {
            Step(surveyPath);
            surveys = import.ReadSurveys(surveyPath);
        }
        else
        {
            done++;
        }

        var tables = new List<IntervalTable>();
        foreach (IntervalTableSource source in intervalTables)
        {
            Step(source.Path);
            tables.Add(import.ReadIntervals(source));
        }

        List<Drillhole> holes = import.BuildHoles(collarPath, surveyPath ?? collarPath, surveys, tables);
        import.CheckIntervalsAgainstHoles(collarPath, holes, tables);
        progress?.Report(new WorkProgress("Validated", files, files));
        return (new DrillholeDatabase(holes, tables), import.Report(holes.Count));
    }

    private static string Normalise(string header) =>
        string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    /// <summary>The state of one import: options, collars read so far, and what was found.</summary>
    private sealed class Import(DrillholeImportOptions options, CancellationToken cancellationToken)
    {
        private readonly double _scale = options.Units == LengthUnit.Feet ? 0.3048 : 1.0;
        private readonly HashSet<double> _sentinels = [.. options.MissingSentinels];
        private readonly List<DrillholeAnomaly> _anomalies = [];
        private readonly List<ColumnReport> _columns = [];
        private readonly Dictionary<string, (int Read, int Kept)> _rows = [];
        private readonly Dictionary<string, (Point3 Collar, double TotalDepth, long Line)> _collars = new(StringComparer.Ordinal);
        private readonly List<string> _collarOrder = [];

        /// <summary>The report, its anomalies in file order (collar, survey, interval tables) and by line within a file.</summary>
        public DrillholeValidationReport Report(int holes)
        {
            var files = _rows.Keys.Select((f, i) => (f, i)).ToDictionary(p => p.f, p => p.i);
            return new(_anomalies.OrderBy(a => files.GetValueOrDefault(a.File, files.Count)).ThenBy(a => a.Line).ToList(), _columns, _rows, holes);
        }

        private void Add(AnomalyKind kind, string hole, string file, long line, string field, string detail, bool excluded = false) =>
            _anomalies.Add(new DrillholeAnomaly(kind, hole, file, line, field, detail, excluded));

        public void ReadCollars(string path)
        {
            DrillholeColumns map = options.Columns;
            int read = 0;
            ReadRows(path, header =>
            {
                int id = Find(path, header, map.HoleId, "hole id", nameof(DrillholeColumns.HoleId), HoleAliases, true);
                int x = Find(path, header, map.X, "x", nameof(DrillholeColumns.X), XAliases, true);
                int y = Find(path, header, map.Y, "y", nameof(DrillholeColumns.Y), YAliases, true);
                int z = Find(path, header, map.Z, "z", nameof(DrillholeColumns.Z), ZAliases, true);
                int td = Find(path, header, map.TotalDepth, "total depth", nameof(DrillholeColumns.TotalDepth), TotalDepthAliases, false);
                return (fields, line) =>
                {
                    read++;
                    if (!TryHole(path, header, fields, id, line, out string hole)
                        || !TryKey(path, header, fields, x, line, hole, out double cx)
                        || !TryKey(path, header, fields, y, line, hole, out double cy)
                        || !TryKey(path, header, fields, z, line, hole, out double cz))
                    {
                        return;
                    }

                    double total = double.NaN;
                    if (td >= 0 && fields[td].Length > 0 && !TryNumber(fields[td], out total))
                    {
                        Add(AnomalyKind.InvalidKeyField, hole, path, line, header[td], $"total depth '{fields[td]}' is not a number; taken as unknown");
                        total = double.NaN;
                    }

                    if (_collars.TryGetValue(hole, out var first))
                    {
                        Add(AnomalyKind.DuplicateCollar, hole, path, line, header[id], $"hole already has a collar at line {first.Line}; the first is kept", true);
                        return;
                    }

                    _collars.Add(hole, (new Point3(cx, cy, cz) * _scale, total * _scale, line));
                    _collarOrder.Add(hole);
                };
            });
            _rows[path] = (read, _collars.Count);
        }

        public Dictionary<string, List<(SurveyStation Station, long Line)>> ReadSurveys(string path)
        {
            DrillholeColumns map = options.Columns;
            var byHole = new Dictionary<string, List<(SurveyStation, long)>>(StringComparer.Ordinal);
            int read = 0, kept = 0;
            ReadRows(path, header =>
            {
                int id = Find(path, header, map.HoleId, "hole id", nameof(DrillholeColumns.HoleId), HoleAliases, true);
                int depth = Find(path, header, map.Depth, "depth", nameof(DrillholeColumns.Depth), DepthAliases, true);
                int dip = Find(path, header, map.Dip, "dip", nameof(DrillholeColumns.Dip), DipAliases, true);
                int azimuth = Find(path, header, map.Azimuth, "azimuth", nameof(DrillholeColumns.Azimuth), AzimuthAliases, true);
                return (fields, line) =>
                {
                    read++;
                    if (!TryHole(path, header, fields, id, line, out string hole) || !HasCollar(path, header[id], hole, line)
                        || !TryKey(path, header, fields, depth, line, hole, out double d)
                        || !TryKey(path, header, fields, dip, line, hole, out double angle)
                        || !TryKey(path, header, fields, azimuth, line, hole, out double a))
                    {
                        return;
                    }

                    if (d < 0)
                    {
                        Add(AnomalyKind.InvalidKeyField, hole, path, line, header[depth], $"negative survey depth {fields[depth]}", true);
                        return;
                    }

                    if (Math.Abs(angle) > 90)
                    {
                        Add(AnomalyKind.DipOutOfRange, hole, path, line, header[dip], $"dip {fields[dip]} is outside [−90, 90]", true);
                        return;
                    }

                    if (a is < 0 or >= 360)
                    {
                        double wrapped = ((a % 360) + 360) % 360;
                        Add(AnomalyKind.AzimuthWrapped, hole, path, line, header[azimuth], Inv($"azimuth {a} read as {wrapped}"));
                        a = wrapped;
                    }

                    double down = options.Dips == DipConvention.PositiveDown ? -angle : angle;
                    if (!byHole.TryGetValue(hole, out var list))
                    {
                        byHole[hole] = list = [];
                    }

                    list.Add((new SurveyStation(d * _scale, a, down), line));
                    kept++;
                };
            });
            _rows[path] = (read, kept);
            return byHole;
        }

        public IntervalTable ReadIntervals(IntervalTableSource source)
        {
            ArgumentException.ThrowIfNullOrEmpty(source.Name);
            string path = source.Path;
            DrillholeColumns map = options.Columns;
            var byHole = new Dictionary<string, List<IntervalRecord>>(StringComparer.Ordinal);
            string[] valueNames = [], codeNames = [];
            int[] valueColumns = [], codeColumns = [];
            int[] blank = [], sentinel = [], below = [], nonNumeric = [];
            Dictionary<string, int>[] codeTables = [];
            int read = 0, kept = 0;
            ReadRows(path, header =>
            {
                int id = Find(path, header, map.HoleId, "hole id", nameof(DrillholeColumns.HoleId), HoleAliases, true);
                int from = Find(path, header, map.From, "from", nameof(DrillholeColumns.From), FromAliases, true);
                int to = Find(path, header, map.To, "to", nameof(DrillholeColumns.To), ToAliases, true);
                codeColumns = source.Codes.Select(c => Find(path, header, c, c, nameof(IntervalTableSource.Codes), [], true)).ToArray();
                valueColumns = source.Values.Count > 0
                    ? source.Values.Select(c => Find(path, header, c, c, nameof(IntervalTableSource.Values), [], true)).ToArray()
                    : Enumerable.Range(0, header.Length).Where(c => c != id && c != from && c != to && !codeColumns.Contains(c)).ToArray();
                valueNames = valueColumns.Select(c => header[c]).ToArray();
                codeNames = codeColumns.Select(c => header[c]).ToArray();
                (blank, sentinel, below, nonNumeric) = (new int[valueColumns.Length], new int[valueColumns.Length], new int[valueColumns.Length], new int[valueColumns.Length]);
                codeTables = codeColumns.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
                return (fields, line) =>
                {
                    read++;
                    if (!TryHole(path, header, fields, id, line, out string hole) || !HasCollar(path, header[id], hole, line)
                        || !TryKey(path, header, fields, from, line, hole, out double top)
                        || !TryKey(path, header, fields, to, line, hole, out double bottom))
                    {
                        return;
                    }

                    if (!(bottom > top))
                    {
                        Add(AnomalyKind.FromNotAboveTo, hole, path, line, header[to], Inv($"from {fields[from]} is not above to {fields[to]}"), true);
                        return;
                    }

                    var values = new double[valueColumns.Length];
                    for (int v = 0; v < valueColumns.Length; v++)
                    {
                        values[v] = Value(path, line, hole, header[valueColumns[v]], fields[valueColumns[v]], ref blank[v], ref sentinel[v], ref below[v], ref nonNumeric[v]);
                    }

                    var codes = new int[codeColumns.Length];
                    for (int c = 0; c < codeColumns.Length; c++)
                    {
                        string text = fields[codeColumns[c]];
                        if (text.Length == 0)
                        {
                            codes[c] = IntervalTable.NoCode;
                        }
                        else if (!codeTables[c].TryGetValue(text, out codes[c]))
                        {
                            codeTables[c][text] = codes[c] = codeTables[c].Count;
                        }
                    }

                    if (!byHole.TryGetValue(hole, out var list))
                    {
                        byHole[hole] = list = [];
                    }

                    list.Add(new IntervalRecord(top * _scale, bottom * _scale, line, values, codes));
                    kept++;
                };
            });

            for (int v = 0; v < valueColumns.Length; v++)
            {
                _columns.Add(new ColumnReport(path, valueNames[v], kept, blank[v], sentinel[v], below[v], nonNumeric[v]));
            }

            var clean = new Dictionary<string, IReadOnlyList<IntervalRecord>>(StringComparer.Ordinal);
            foreach ((string hole, List<IntervalRecord> rows) in byHole)
            {
                clean[hole] = CleanIntervals(path, hole, rows, ref kept);
            }

            _rows[path] = (read, kept);
            IReadOnlyList<string>[] names = codeTables.Select(t => (IReadOnlyList<string>)t.OrderBy(p => p.Value).Select(p => p.Key).ToArray()).ToArray();
            return new IntervalTable(source.Name, path, valueNames, codeNames, names, clean);
        }

        /// <summary>Sorts a hole's intervals, excludes overlaps (the upper row is kept) and notes gaps.</summary>
        private List<IntervalRecord> CleanIntervals(string path, string hole, List<IntervalRecord> rows, ref int kept)
        {
            if (FirstOutOfOrder(rows, r => r.From) is int unsorted and >= 0)
            {
                Add(AnomalyKind.UnsortedRows, hole, path, rows[unsorted].Line, "", "intervals are not in depth order; sorted by from");
                rows = [.. rows.OrderBy(r => r.From).ThenBy(r => r.Line)];
            }

            var clean = new List<IntervalRecord>(rows.Count);
            foreach (IntervalRecord row in rows)
            {
                if (clean.Count > 0)
                {
                    IntervalRecord above = clean[^1];
                    if (row.From < above.To - 1e-9)
                    {
                        Add(AnomalyKind.OverlappingInterval, hole, path, row.Line, "",
                            Inv($"{row.From}–{row.To} m overlaps {above.From}–{above.To} m (line {above.Line}); the upper interval is kept"), true);
                        kept--;
                        continue;
                    }

                    if (row.From > above.To + 1e-9)
                    {
                        Add(AnomalyKind.GapBetweenIntervals, hole, path, row.Line, "", Inv($"gap {above.To}–{row.From} m, taken as unsampled"));
                    }
                }

                clean.Add(row);
            }

            return clean;
        }

        public List<Drillhole> BuildHoles(string collarFile, string surveyFile, Dictionary<string, List<(SurveyStation Station, long Line)>> surveys, List<IntervalTable> tables)
        {
            var holes = new List<Drillhole>(_collarOrder.Count);
            foreach (string id in _collarOrder)
            {
                (Point3 collar, double totalDepth, long collarLine) = _collars[id];
                double deepest = tables.Select(t => t.Rows(id)).Where(r => r.Count > 0).Select(r => r[^1].To).DefaultIfEmpty(double.NaN).Max();
                double end = double.IsNaN(totalDepth) ? deepest : totalDepth;
                List<SurveyStation> stations = surveys.TryGetValue(id, out var rows) ? CleanSurveys(surveyFile, id, rows, end, totalDepth) : [];
                bool assumed = stations.Count == 0;
                if (assumed)
                {
                    SurveyStation d = options.DefaultSurvey;
                    Add(AnomalyKind.CollarWithoutSurvey, id, collarFile, collarLine, "",
                        Inv($"no survey rows; the default survey (azimuth {d.Azimuth}, dip {d.Dip}) is used"));
                    stations.Add(d with { Depth = 0 });
                }

                holes.Add(new Drillhole(id, collar, totalDepth, stations, assumed));
            }

            return holes;
        }

        /// <summary>Sorts a hole's stations, excludes repeats, conflicts and dummy stations, and notes what desurvey must know.</summary>
        private List<SurveyStation> CleanSurveys(string path, string hole, List<(SurveyStation Station, long Line)> rows, double end, double totalDepth)
        {
            if (FirstOutOfOrder(rows, r => r.Station.Depth) is int unsorted and >= 0)
            {
                Add(AnomalyKind.UnsortedRows, hole, path, rows[unsorted].Line, "", "survey rows are not in depth order; sorted by depth");
                rows = [.. rows.OrderBy(r => r.Station.Depth).ThenBy(r => r.Line)];
            }

            var kept = new List<(SurveyStation Station, long Line)>(rows.Count);
            foreach ((SurveyStation s, long line) in rows)
            {
                if (kept.Count > 0 && s.Depth == kept[^1].Station.Depth)
                {
                    SurveyStation first = kept[^1].Station;
                    bool same = Math.Abs(first.Azimuth - s.Azimuth) < 1e-9 && Math.Abs(first.Dip - s.Dip) < 1e-9;
                    Add(same ? AnomalyKind.DuplicateSurvey : AnomalyKind.ConflictingSurvey, hole, path, line, "",
                        Inv($"second station at {s.Depth} m (first at line {kept[^1].Line}{(same ? "" : $", azimuth {first.Azimuth} dip {first.Dip} kept")})"), true);
                    Excluded(path);
                    continue;
                }

                // The shallowest station is never a dummy: its angles are the only ones the hole has. Without a
                // total depth, a station far below the deepest interval may be the real end of an unsampled hole: noted, kept.
                if (kept.Count > 0 && double.IsFinite(end) && s.Depth > end + options.DummyStationMargin)
                {
                    bool known = !double.IsNaN(totalDepth);
                    Add(AnomalyKind.DummyStation, hole, path, line, "", known
                        ? Inv($"station at {s.Depth} m is more than {options.DummyStationMargin} m past the total depth ({end} m)")
                        : Inv($"station at {s.Depth} m is more than {options.DummyStationMargin} m past the deepest interval ({end} m); kept, as the collar gives no total depth"), known);
                    if (known)
                    {
                        Excluded(path);
                        continue;
                    }
                }

                if (kept.Count > 0 && Math.Abs(s.Azimuth - kept[^1].Station.Azimuth) > 180)
                {
                    Add(AnomalyKind.AzimuthThroughNorth, hole, path, line, "",
                        Inv($"azimuth {kept[^1].Station.Azimuth} → {s.Azimuth} passes through north; desurveyed as directions"));
                }

                kept.Add((s, line));
            }

            if (kept[0].Station.Depth > 0)
            {
                Add(AnomalyKind.FirstSurveyBelowCollar, hole, path, kept[0].Line, "",
                    Inv($"first survey at {kept[0].Station.Depth} m; its angles are extended up to the collar"));
            }

            return kept.Select(k => k.Station).ToList();
        }

        private void Excluded(string path) => _rows[path] = (_rows[path].Read, _rows[path].Kept - 1);

        public void CheckIntervalsAgainstHoles(string collarFile, List<Drillhole> holes, List<IntervalTable> tables)
        {
            foreach (IntervalTable table in tables)
            {
                foreach (Drillhole hole in holes)
                {
                    IReadOnlyList<IntervalRecord> rows = table.Rows(hole.Id);
                    if (rows.Count == 0)
                    {
                        Add(AnomalyKind.CollarWithoutIntervals, hole.Id, collarFile, _collars[hole.Id].Line, "", $"no rows in table '{table.Name}'");
                        continue;
                    }

                    double deepestSurvey = hole.Surveys[^1].Depth;
                    IntervalRecord? beyond = hole.SurveyAssumed ? null : rows.FirstOrDefault(r => r.To > deepestSurvey);
                    if (beyond is not null && hole.Surveys.Count > 1)
                    {
                        Add(AnomalyKind.BeyondDeepestSurvey, hole.Id, table.File, beyond.Line, "",
                            Inv($"{rows.Count(r => r.To > deepestSurvey)} intervals reach below the deepest survey ({deepestSurvey} m); its angles are extended"));
                    }

                    IntervalRecord? pastEnd = double.IsNaN(hole.TotalDepth) ? null : rows.FirstOrDefault(r => r.To > hole.TotalDepth + 1e-6);
                    if (pastEnd is not null)
                    {
                        Add(AnomalyKind.BeyondTotalDepth, hole.Id, table.File, pastEnd.Line, "",
                            Inv($"interval to {pastEnd.To} m is deeper than the collar's total depth {hole.TotalDepth} m"));
                    }
                }
            }
        }

        private double Value(string path, long line, string hole, string column, string text, ref int blank, ref int sentinel, ref int below, ref int nonNumeric)
        {
            if (text.Length == 0 || text is "NaN" or "nan" or "NA" or "N/A" or "na")
            {
                blank++;
                return double.NaN;
            }

            if (text[0] is '<' or '>')
            {
                if (!TryNumber(text.AsSpan(1).Trim().ToString(), out double limit) || limit < 0)
                {
                    nonNumeric++;
                    Add(AnomalyKind.NonNumericValue, hole, path, line, column, $"'{text}' is not a number; stored as missing");
                    return double.NaN;
                }

                if (text[0] == '>')
                {
                    // Above the upper limit of the method: the limit is the best value there is, and it is listed.
                    below++;
                    Add(AnomalyKind.BelowDetection, hole, path, line, column, Inv($"'{text}' is above the method's upper limit; stored as {limit}"));
                    return limit;
                }

                return BelowDetection(path, line, hole, column, text, limit, ref below);
            }

            if (!TryNumber(text, out double value))
            {
                nonNumeric++;
                Add(AnomalyKind.NonNumericValue, hole, path, line, column, $"'{text}' is not a number; stored as missing");
                return double.NaN;
            }

            if (_sentinels.Contains(value))
            {
                sentinel++;
                return double.NaN;
            }

            return value < 0 && options.NegativeIsBelowDetection ? BelowDetection(path, line, hole, column, text, -value, ref below) : value;
        }

        private double BelowDetection(string path, long line, string hole, string column, string text, double limit, ref int below)
        {
            below++;
            double value = options.BelowDetection switch
            {
                BelowDetectionPolicy.HalfDetectionLimit => 0.5 * limit,
                BelowDetectionPolicy.DetectionLimit => limit,
                BelowDetectionPolicy.Zero => 0,
                _ => double.NaN,
            };
            Add(AnomalyKind.BelowDetection, hole, path, line, column, Inv($"'{text}' is below the detection limit {limit}; stored as {value} ({options.BelowDetection})"));
            return value;
        }

        private bool TryHole(string path, string[] header, List<string> fields, int column, long line, out string hole)
        {
            hole = fields[column];
            if (hole.Length > 0)
            {
                return true;
            }

            Add(AnomalyKind.BlankHoleId, "", path, line, header[column], "blank hole id", true);
            return false;
        }

        private bool HasCollar(string path, string field, string hole, long line)
        {
            if (_collars.ContainsKey(hole))
            {
                return true;
            }

            Add(AnomalyKind.HoleWithoutCollar, hole, path, line, field, "the hole has no collar", true);
            return false;
        }

        private bool TryKey(string path, string[] header, List<string> fields, int column, long line, string hole, out double value)
        {
            if (TryNumber(fields[column], out value))
            {
                return true;
            }

            Add(AnomalyKind.InvalidKeyField, hole, path, line, header[column], fields[column].Length == 0 ? "blank" : $"'{fields[column]}' is not a number", true);
            return false;
        }

        private static bool TryNumber(string text, out double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

        /// <summary>Reads the header, lets <paramref name="begin"/> resolve the columns, then hands it every row.</summary>
        private void ReadRows(string path, Func<string[], Action<List<string>, long>> begin)
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The drillhole file '{path}' does not exist.", path);
            }

            using CsvRecordReader reader = CsvRecordReader.Open(path, options.Delimiter);
            var fields = new List<string>();
            if (!reader.TryRead(fields, out _))
            {
                throw new DataFormatException(path, 0, "", "The file is empty: a header row is needed.");
            }

            string[] header = [.. fields];
            Action<List<string>, long> row = begin(header);
            long rows = 0;
            while (reader.TryRead(fields, out long line))
            {
                if ((++rows & 4095) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (fields.Count != header.Length)
                {
                    throw new DataFormatException(path, line, "", $"The row has {fields.Count} fields; the header has {header.Length}.");
                }

                row(fields, line);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        private static int Find(string path, string[] header, string? mapped, string role, string option, string[] aliases, bool required)
        {
            string[] normalised = header.Select(Normalise).ToArray();
            if (mapped is not null)
            {
                int i = Array.FindIndex(header, h => string.Equals(h, mapped, StringComparison.OrdinalIgnoreCase));
                return i >= 0 ? i : throw new DataFormatException(path, 1, mapped, $"No column '{mapped}' (the {role}) in the header ({string.Join(", ", header)}).");
            }

            foreach (string alias in aliases)
            {
                int i = Array.IndexOf(normalised, alias);
                if (i >= 0)
                {
                    return i;
                }
            }

            return required
                ? throw new DataFormatException(path, 1, role, $"No {role} column in the header ({string.Join(", ", header)}); name it with DrillholeColumns.{option}.")
                : -1;
        }

        /// <summary>The first row shallower than the row before it; −1 when the rows are in order.</summary>
        private static int FirstOutOfOrder<T>(List<T> rows, Func<T, double> key)
        {
            for (int i = 1; i < rows.Count; i++)
            {
                if (key(rows[i]) < key(rows[i - 1]))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
    }
}
