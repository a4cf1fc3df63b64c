namespace DepositTwin.BlockModels;

/// <summary>The storage kind of a block attribute.</summary>
public enum AttributeKind
{
    /// <summary>Continuous values (grades, density, estimates); missing is <see cref="double.NaN"/>.</summary>
    Double,

    /// <summary>Integer codes (domain, class, pit, pass); missing is <see cref="IntegerAttribute.Missing"/>.</summary>
    Integer,
}

/// <summary>
/// A named column of per-block values, one value per active block (row) of a <see cref="BlockModel"/>.
/// </summary>
/// <remarks>Rows are independent: different threads may write different rows at once without locks.</remarks>
public abstract class BlockAttribute
{
    private protected BlockAttribute(string name, string unit, string description)
    {
        Name = name;
        Unit = unit;
        Description = description;
    }

    /// <summary>The attribute's name: unique in its model (ignoring case), no white space, commas, semicolons or quotes.</summary>
    public string Name { get; }

    /// <summary>Units of the values (for example "%", "g/t", "ppm", "t/m3"); empty when unitless.</summary>
    public string Unit { get; set; }

    /// <summary>A free-text description.</summary>
    public string Description { get; set; }

    /// <summary>The storage kind.</summary>
    public abstract AttributeKind Kind { get; }

    /// <summary>Number of rows (active blocks).</summary>
    public abstract int Count { get; }

    /// <summary>True when the value of the given row is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value of a row as a double; <see cref="double.NaN"/> when missing.</summary>
    public abstract double GetDouble(int row);

    /// <summary>Number of rows whose value is missing.</summary>
    public int MissingCount()
    {
        int missing = 0;
        for (int row = 0; row < Count; row++)
        {
            if (IsMissing(row))
            {
                missing++;
            }
        }

        return missing;
    }

    /// <summary>Throws when <paramref name="name"/> is not a valid attribute name.</summary>
    internal static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ',' or ';' or '"' or '\''))
        {
            throw new ArgumentException($"'{name}' is not a valid attribute name: it must be non-empty, with no white space, commas, semicolons or quotes.", nameof(name));
        }
    }
}

/// <summary>A column of values of one type, one per row, writable in place.</summary>
/// <typeparam name="T">The stored type.</typeparam>
public abstract class BlockAttribute<T> : BlockAttribute
    where T : unmanaged
{
    private readonly T[] _values;

    private protected BlockAttribute(string name, string unit, string description, int count, T fill)
        : base(name, unit, description)
    {
        _values = GC.AllocateUninitializedArray<T>(count);
        _values.AsSpan().Fill(fill);
    }

    /// <inheritdoc />
    public override int Count => _values.Length;

    /// <summary>The values, one per row, writable in place.</summary>
    public Span<T> Values => _values;

    /// <summary>The value of a row, by reference.</summary>
    public ref T this[int row] => ref _values[row];
}

/// <summary>A column of doubles: grades, density, estimates, variances. Missing values are <see cref="double.NaN"/>.</summary>
public sealed class DoubleAttribute : BlockAttribute<double>
{
    internal DoubleAttribute(string name, string unit, string description, int count, double fill)
        : base(name, unit, description, count, fill)
    {
    }

    /// <inheritdoc />
    public override AttributeKind Kind => AttributeKind.Double;

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(this[row]);

    /// <inheritdoc />
    public override double GetDouble(int row) => this[row];
}

/// <summary>A column of integer codes: domain, rock type, resource class, pit shell, pass.</summary>
public sealed class IntegerAttribute : BlockAttribute<int>
{
    /// <summary>The code that marks a missing value (<see cref="int.MinValue"/>).</summary>
    public const int Missing = int.MinValue;

    internal IntegerAttribute(string name, string unit, string description, int count, int fill)
        : base(name, unit, description, count, fill)
    {
    }

    /// <inheritdoc />
    public override AttributeKind Kind => AttributeKind.Integer;

    /// <inheritdoc />
    public override bool IsMissing(int row) => this[row] == Missing;

    /// <inheritdoc />
    public override double GetDouble(int row) => this[row] == Missing ? double.NaN : this[row];
}
