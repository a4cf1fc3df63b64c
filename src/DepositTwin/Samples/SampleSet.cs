using DepositTwin.Geometry;

namespace DepositTwin.Samples;

/// <summary>
/// Samples (composites, blast holes, sensor readings) in columnar form: locations, the drillhole each
/// belongs to, and any number of named value columns (NaN = missing).
/// </summary>
/// <remarks>Immutable once built; estimation and variography read it from many threads.</remarks>
public sealed class SampleSet
{
    private readonly Point3[] _locations;
    private readonly int[] _holes;
    private readonly Dictionary<string, double[]> _values;

    /// <summary>Creates a sample set.</summary>
    /// <param name="locations">Sample locations (finite).</param>
    /// <param name="values">Value columns by name, each with one value per sample.</param>
    /// <param name="holeIds">Drillhole of each sample; null gives every sample its own hole.</param>
    /// <exception cref="ArgumentException">A column's length differs from the number of locations, or a location is not finite.</exception>
    public SampleSet(IReadOnlyList<Point3> locations, IReadOnlyDictionary<string, double[]> values, IReadOnlyList<int>? holeIds = null)
    {
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(values);
        _locations = locations.ToArray();
        for (int i = 0; i < _locations.Length; i++)
        {
            if (!_locations[i].IsFinite)
            {
                throw new ArgumentException($"Sample {i} has a non-finite location {_locations[i]}.", nameof(locations));
            }
        }

        _values = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, double[] column) in values)
        {
            if (column.Length != _locations.Length)
            {
                throw new ArgumentException($"Column '{name}' has {column.Length} values for {_locations.Length} samples.", nameof(values));
            }

            _values.Add(name, (double[])column.Clone());
        }

        if (holeIds is not null && holeIds.Count != _locations.Length)
        {
            throw new ArgumentException($"There are {holeIds.Count} hole ids for {_locations.Length} samples.", nameof(holeIds));
        }

        _holes = holeIds?.ToArray() ?? Enumerable.Range(0, _locations.Length).ToArray();
    }

    /// <summary>A sample set with one value column.</summary>
    public static SampleSet Of(IReadOnlyList<Point3> locations, string name, double[] values, IReadOnlyList<int>? holeIds = null) =>
        new(locations, new Dictionary<string, double[]> { [name] = values }, holeIds);

    /// <summary>Number of samples.</summary>
    public int Count => _locations.Length;

    /// <summary>Sample locations.</summary>
    public ReadOnlySpan<Point3> Locations => _locations;

    /// <summary>The drillhole of each sample.</summary>
    public ReadOnlySpan<int> HoleIds => _holes;

    /// <summary>Names of the value columns.</summary>
    public IEnumerable<string> Columns => _values.Keys;

    /// <summary>The values of a column.</summary>
    /// <exception cref="KeyNotFoundException">No column has that name.</exception>
    public ReadOnlySpan<double> Values(string name) => _values.TryGetValue(name, out double[]? v)
        ? v
        : throw new KeyNotFoundException($"The sample set has no column '{name}'. It has: {string.Join(", ", _values.Keys)}.");

    /// <summary>The samples whose value in <paramref name="column"/> is present, as a new set with that column only.</summary>
    public SampleSet WithValues(string column, out int missing)
    {
        ReadOnlySpan<double> v = Values(column);
        var keep = new List<int>(Count);
        for (int i = 0; i < Count; i++)
        {
            if (!double.IsNaN(v[i]))
            {
                keep.Add(i);
            }
        }

        missing = Count - keep.Count;
        double[] values = keep.Select(i => _values[column][i]).ToArray();
        return new SampleSet(keep.Select(i => _locations[i]).ToArray(), new Dictionary<string, double[]> { [column] = values }, keep.Select(i => _holes[i]).ToArray());
    }
}
