namespace DepositTwin.Drillholes;

/// <summary>The unit of lengths (coordinates and depths) in the drillhole files.</summary>
public enum LengthUnit
{
    /// <summary>Metres (no conversion).</summary>
    Metres,

    /// <summary>International feet: every coordinate and depth is multiplied by 0.3048 on import.</summary>
    Feet,
}

/// <summary>What a below-detection value (a negative number or a text such as <c>&lt;0.01</c>) becomes.</summary>
public enum BelowDetectionPolicy
{
    /// <summary>Half the detection limit (the common convention, and the default).</summary>
    HalfDetectionLimit,

    /// <summary>The detection limit itself.</summary>
    DetectionLimit,

    /// <summary>Zero.</summary>
    Zero,

    /// <summary>Missing (NaN).</summary>
    Missing,
}

/// <summary>Which columns of the collar, survey and interval files hold what; null means "detect from the header".</summary>
/// <remarks>
/// Detection compares header names case-insensitively with spaces, underscores and punctuation removed,
/// against the usual names: hole id (hole_id, holeid, hole, bhid, dhid, id), x (x, east, easting, xcollar),
/// y (y, north, northing, ycollar), z (z, rl, elevation, elev, zcollar), total depth (max_depth, eoh,
/// total_depth, depth, length), survey depth (depth, at, distance), dip (dip, inclination, incl),
/// azimuth (azimuth, azi, az, bearing, brg), from (from, depth_from, mfrom, from_m), to (to, depth_to,
/// mto, to_m).
/// </remarks>
public sealed record DrillholeColumns
{
    /// <summary>Hole id column (all files).</summary>
    public string? HoleId { get; init; }

    /// <summary>Collar easting.</summary>
    public string? X { get; init; }

    /// <summary>Collar northing.</summary>
    public string? Y { get; init; }

    /// <summary>Collar elevation.</summary>
    public string? Z { get; init; }

    /// <summary>Collar end-of-hole depth (optional: when absent, the deepest interval stands for it).</summary>
    public string? TotalDepth { get; init; }

    /// <summary>Survey depth along the hole.</summary>
    public string? Depth { get; init; }

    /// <summary>Survey dip.</summary>
    public string? Dip { get; init; }

    /// <summary>Survey azimuth.</summary>
    public string? Azimuth { get; init; }

    /// <summary>Interval top depth.</summary>
    public string? From { get; init; }

    /// <summary>Interval bottom depth.</summary>
    public string? To { get; init; }
}

/// <summary>An interval table to import (assays, lithology, alteration…).</summary>
/// <param name="Name">The table's name in the database, e.g. "assay" or "lith".</param>
/// <param name="Path">The CSV file.</param>
public sealed record IntervalTableSource(string Name, string Path)
{
    /// <summary>Numeric value columns to read; empty reads every column that is not a key or a code column.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>Categorical columns (lithology, alteration): their texts become integer codes.</summary>
    public IReadOnlyList<string> Codes { get; init; } = [];
}

/// <summary>How drillhole files are read and what is done with the anomalies they hold.</summary>
public sealed record DrillholeImportOptions
{
    /// <summary>Column names; null entries are detected from the headers.</summary>
    public DrillholeColumns Columns { get; init; } = new();

    /// <summary>The unit of coordinates and depths in the files; metres by default.</summary>
    public LengthUnit Units { get; init; } = LengthUnit.Metres;

    /// <summary>The dip sign convention of the survey file; negative down by default. Stored surveys are always negative down.</summary>
    public DipConvention Dips { get; init; } = DipConvention.NegativeDown;

    /// <summary>The survey given to a collar without survey rows (reported); vertically down by default.</summary>
    public SurveyStation DefaultSurvey { get; init; } = new(0, 0, -90);

    /// <summary>What below-detection values become; half the detection limit by default. Every one is counted and listed.</summary>
    public BelowDetectionPolicy BelowDetection { get; init; } = BelowDetectionPolicy.HalfDetectionLimit;

    /// <summary>Read negative numbers in value columns as "below the detection limit |v|" (the usual laboratory code); true by default.</summary>
    public bool NegativeIsBelowDetection { get; init; } = true;

    /// <summary>Values meaning "missing" (e.g. −99, −999): stored as NaN and counted; checked before the below-detection rule.</summary>
    public IReadOnlyCollection<double> MissingSentinels { get; init; } = [];

    /// <summary>
    /// Survey stations deeper than the collar's total depth by more than this (m) are dummy stations: excluded
    /// and listed. Without a total depth, stations this far below the deepest interval are listed but kept
    /// (the hole may simply be unsampled at the bottom). 50 m by default.
    /// </summary>
    public double DummyStationMargin { get; init; } = 50;

    /// <summary>The field delimiter; null detects comma, semicolon or tab from each header.</summary>
    public char? Delimiter { get; init; }
}
