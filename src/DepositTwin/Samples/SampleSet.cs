using DepositTwin.Geometry;

namespace DepositTwin.Samples;

/// <summary>
/// Samples (composites, blast holes, sensor readings) in columnar form: locations, the drillhole each
/// belongs to, the domain each lies in, and any number of named value columns (NaN = missing).
/// </summary>
/// <remarks>Immutable once built; estimation and variography read it from many threads.</remarks>
public sealed class SampleSet
{
    private readonly Point3[] _locations;
    private readonly int[] _holes;
    private readonly int[] _domains;
    private readonly Dictionary<string, double[]> _values;

    /// <summary>Creates a sample set.</summary>
    /// <param name="locations">Sample locations (finite).</param>
    /// <param name="values">Value columns by name, each with one value per sample.</param>
    /// <param name="holeIds">Drillhole of each sample; null gives every sample its own hole.</param>
    /// <param name="domains">Domain code of each sample; null leaves every sample without one (<see cref="NoDomain"/>).</param>
    /// <exception cref="ArgumentException">A column's length differs from the number of locations, or a location is not finite.</exception>
    public SampleSet(IReadOnlyList<Point3> locations, IReadOnlyDictionary<string, double[]> values, IReadOnlyList<int>? holeIds = null,
        IReadOnlyList<int>? domains = null)
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
        if (domains is not null && domains.Count != _locations.Length)
        {
            throw new ArgumentException($"There are {domains.Count} domain codes for {_locations.Length} samples.", nameof(domains));
        }

        _domains = domains?.ToArray() ?? Enumerable.Repeat(NoDomain, _locations.Length).ToArray();
    }

    /// <summary>The domain code of a sample outside every domain (the block model's missing integer).</summary>
    public const int NoDomain = int.MinValue;

    /// <summary>A sample set with one value column.</summary>
    public static SampleSet Of(IReadOnlyList<Point3> locations, string name, double[] values, IReadOnlyList<int>? holeIds = null) =>
        new(locations, new Dictionary<string, double[]> { [name] = values }, holeIds);

    /// <summary>Number of samples.</summary>
    public int Count => _locations.Length;

    /// <summary>Sample locations.</summary>
    public ReadOnlySpan<Point3> Locations => _locations;

    /// <summary>The drillhole of each sample.</summary>
    public ReadOnlySpan<int> HoleIds => _holes;

    /// <summary>The domain code of each sample (<see cref="NoDomain"/> where none).</summary>
    public ReadOnlySpan<int> Domains => _domains;

    /// <summary>The same samples with new domain codes (one per sample).</summary>
    public SampleSet WithDomains(IReadOnlyList<int> domains) => new(_locations, _values, _holes, domains);

    /// <summary>The same samples with a column added or replaced (e.g. capped grades).</summary>
    /// <exception cref="ArgumentException">The column does not have one value per sample.</exception>
    public SampleSet WithColumn(string name, double[] values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var columns = new Dictionary<string, double[]>(_values, StringComparer.OrdinalIgnoreCase) { [name] = values };
        return new SampleSet(_locations, columns, _holes, _domains);
    }

    /// <summary>
    /// The samples of several sets one after the other (in the order given, each in its own order), with the
    /// value columns all of them have; hole ids and domains are kept as they are.
    /// </summary>
    public static SampleSet Concat(IReadOnlyList<SampleSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        string[] columns = sets.Count == 0 ? [] : sets.Skip(1).Aggregate(sets[0].Columns, (c, s) => c.Intersect(s.Columns, StringComparer.OrdinalIgnoreCase)).ToArray();
        return new SampleSet(sets.SelectMany(s => s._locations).ToArray(),
            columns.ToDictionary(c => c, c => sets.SelectMany(s => s._values[c]).ToArray()),
            sets.SelectMany(s => s._holes).ToArray(), sets.SelectMany(s => s._domains).ToArray());
    }

    /// <summary>The samples of one domain, with every column.</summary>
    public SampleSet InDomain(int domain) => Subset(Enumerable.Range(0, Count).Where(i => _domains[i] == domain).ToList());

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
        return Subset(keep, [column]);
    }

    private SampleSet Subset(List<int> rows, IEnumerable<string>? columns = null) => new(rows.Select(i => _locations[i]).ToArray(),
        (columns ?? _values.Keys).ToDictionary(c => c, c => rows.Select(i => _values[c][i]).ToArray()), rows.Select(i => _holes[i]).ToArray(),
        rows.Select(i => _domains[i]).ToArray());
}
