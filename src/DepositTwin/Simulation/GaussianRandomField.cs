using System.Numerics;
using DepositTwin.Geometry;
using DepositTwin.Variography;
using MathNet.Numerics.IntegralTransforms;

namespace DepositTwin.Simulation;

/// <summary>
/// Unconditional Gaussian random fields on a regular grid with a given covariance (any nested, anisotropic
/// model with a sill), by the FFT moving average (Le Ravalec, Noetinger &amp; Hu 2000): on a periodic grid
/// padded beyond the correlation range (to powers of two), y = F⁻¹(√F(C) · F(w)) for white noise w. The result has mean 0 and
/// the model's covariance exactly in expectation (up to the clipping of tiny negative spectral values, which
/// is reported). Seeds make realisations reproducible.
/// </summary>
public sealed class GaussianRandomField
{
    private readonly double[] _amplitude;
    private readonly int _mx, _my, _mz;

    /// <summary>Prepares the spectrum for fields on a grid.</summary>
    /// <param name="grid">The grid (unrotated or rotated: lags are taken along its axes).</param>
    /// <param name="model">The covariance model; it must have a sill (no power structures).</param>
    /// <exception cref="ArgumentException">The model has no sill.</exception>
    public GaussianRandomField(GridDefinition grid, VariogramModel model)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(model);
        if (!model.HasSill)
        {
            throw new ArgumentException("A Gaussian field needs a covariance model with a sill (no power structures).", nameof(model));
        }

        Grid = grid;
        Model = model;
        double reach = model.Structures.Count == 0 ? 0 : model.Structures.Max(s => s.Anisotropy.Major);
        _mx = PaddedSize(grid.CountX, reach / grid.BlockSize.X);
        _my = PaddedSize(grid.CountY, reach / grid.BlockSize.Y);
        _mz = PaddedSize(grid.CountZ, reach / grid.BlockSize.Z);
        int total = _mx * _my * _mz;
        var spectrum = new Complex[total];
        Point3 ax = grid.AxisX * grid.BlockSize.X, ay = grid.AxisY * grid.BlockSize.Y, az = new Point3(0, 0, grid.BlockSize.Z);
        for (int k = 0; k < _mz; k++)
        {
            for (int j = 0; j < _my; j++)
            {
                for (int i = 0; i < _mx; i++)
                {
                    // Lags wrap around the periodic grid.
                    Point3 lag = Wrap(i, _mx) * ax + Wrap(j, _my) * ay + Wrap(k, _mz) * az;
                    spectrum[i + _mx * (j + _my * k)] = model.Covariance(lag);
                }
            }
        }

        Transform(spectrum, forward: true);
        _amplitude = new double[total];
        double clipped = 0, all = 0;
        for (int n = 0; n < total; n++)
        {
            double s = spectrum[n].Real;
            all += Math.Abs(s);
            clipped += s < 0 ? -s : 0;
            _amplitude[n] = Math.Sqrt(Math.Max(0, s));
        }

        ClippedSpectrum = all > 0 ? clipped / all : 0;
    }

    /// <summary>The grid.</summary>
    public GridDefinition Grid { get; }

    /// <summary>The covariance model.</summary>
    public VariogramModel Model { get; }

    /// <summary>The fraction of the spectrum's mass that was negative and clipped (0 for a valid model on a large enough padding).</summary>
    public double ClippedSpectrum { get; }

    /// <summary>One realisation: a value per block of the grid (linear index order), mean 0, covariance of the model.</summary>
    public double[] Simulate(int seed)
    {
        var random = new Random(seed);
        int total = _amplitude.Length;
        var noise = new Complex[total];
        for (int n = 0; n < total; n++)
        {
            noise[n] = StandardNormal(random);
        }

        Transform(noise, forward: true);
        for (int n = 0; n < total; n++)
        {
            noise[n] *= _amplitude[n];
        }

        Transform(noise, forward: false);
        var field = new double[Grid.BlockCount];
        for (int k = 0; k < Grid.CountZ; k++)
        {
            for (int j = 0; j < Grid.CountY; j++)
            {
                for (int i = 0; i < Grid.CountX; i++)
                {
                    field[Grid.LinearIndex(i, j, k)] = noise[i + _mx * (j + _my * k)].Real;
                }
            }
        }

        return field;
    }

    /// <summary>A standard normal deviate (Box–Muller), so that a seed fixes every value on every platform.</summary>
    internal static double StandardNormal(Random random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static int PaddedSize(int count, double rangeInCells)
    {
        // Room for the grid plus a range each way, rounded up to a power of two (radix-2 FFTs).
        if (count == 1)
        {
            return 1;
        }

        int needed = count + (int)Math.Ceiling(rangeInCells);
        int m = 2;
        while (m < needed)
        {
            m *= 2;
        }

        return m;
    }

    /// <summary>The 3D discrete Fourier transform (MATLAB scaling: none forward, 1/N inverse) as 1D transforms along each axis, lines in parallel.</summary>
    private void Transform(Complex[] data, bool forward)
    {
        (int Count, int Stride, int Lines)[] axes = [(_mx, 1, _my * _mz), (_my, _mx, _mx * _mz), (_mz, _mx * _my, _mx * _my)];
        foreach ((int count, int stride, int lines) in axes)
        {
            if (count == 1)
            {
                continue;
            }

            Parallel.For(0, lines, () => new Complex[count], (line, _, buffer) =>
            {
                // The line's first element: lines of one axis are the positions over the other two.
                int start = stride == 1 ? line * count : (line % stride) + (line / stride) * stride * count;
                for (int a = 0; a < count; a++)
                {
                    buffer[a] = data[start + a * stride];
                }

                if (forward)
                {
                    Fourier.Forward(buffer, FourierOptions.Matlab);
                }
                else
                {
                    Fourier.Inverse(buffer, FourierOptions.Matlab);
                }

                for (int a = 0; a < count; a++)
                {
                    data[start + a * stride] = buffer[a];
                }

                return buffer;
            }, _ => { });
        }
    }

    private static double Wrap(int i, int m) => i <= m / 2 ? i : i - m;
}
