using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using DepositTwin.Geometry;
using DepositTwin.Planning;

namespace DepositTwin.Benchmarks.Planning;

/// <summary>
/// The ultimate pit of bauxitemed (MineFlow's Bauxite model, 374,400 blocks) at 45° with the 9-bench
/// minimum-search pattern: as MineFlow is timed (reading the plain file, building the pattern, solving) and
/// the solve alone. MineFlow 1.0 takes about 0.17 s here for the first.
/// </summary>
[MemoryDiagnoser]
public class UltimatePitBenchmarks
{
    private string _plain = "";
    private double[] _values = [];
    private Precedence _precedence = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The committed file is gzip-compressed; MineFlow reads plain text, so the benchmark does too.
        _plain = Path.Combine(Path.GetTempPath(), $"bauxitemed-{Environment.ProcessId}.dat");
        using (var gz = new GZipStream(File.OpenRead(ReferenceFile("bauxitemed", "bauxitemed.dat.gz")), CompressionMode.Decompress))
        using (var plain = File.Create(_plain))
        {
            gz.CopyTo(plain);
        }

        _values = BlockValueFile.Read(_plain);
        _precedence = Precedence.Grid(120, 120, 26, PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), SlopeProfile.Constant(45), 9));
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_plain);

    [Benchmark(Baseline = true, Description = "read + pattern + solve (as MineFlow is timed)")]
    public int ReadAndSolve()
    {
        double[] values = BlockValueFile.Read(_plain);
        var precedence = Precedence.Grid(120, 120, 26, PrecedencePattern.MinimumSearch(new Point3(1, 1, 1), SlopeProfile.Constant(45), 9));
        return UltimatePit.Solve(values, precedence).BlockCount;
    }

    [Benchmark(Description = "solve")]
    public int Solve() => UltimatePit.Solve(_values, _precedence).BlockCount;

    internal static string ReferenceFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DepositTwin.sln")))
            {
                return Path.Combine([dir.FullName, "..", "shared", "reference", .. parts]);
            }
        }

        throw new FileNotFoundException("No DepositTwin.sln above the benchmark: ../shared/reference is found beside the repository.");
    }
}
