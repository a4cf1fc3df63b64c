using BenchmarkDotNet.Attributes;
using DepositTwin.BlockModels;
using DepositTwin.Estimation;
using DepositTwin.Geometry;
using DepositTwin.Samples;
using DepositTwin.Search;
using DepositTwin.Variography;

namespace DepositTwin.Benchmarks.Estimation;

/// <summary>
/// The estimation engine end to end (search, build, solve, write): 3,000 samples down 150 holes, a
/// nested anisotropic model, 1,000,000 blocks (5 × 5 × 2 m over 500 × 500 × 200 m). Reported per block (ns/block; blocks/s = 1e9 / that).
/// </summary>
[MemoryDiagnoser]
public class EstimationBenchmarks
{
    private const int Blocks = 100 * 100 * 100;
    private SampleSet _samples = null!;
    private BlockModel _model = null!;
    private VariogramModel _variogram = null!;

    [Params(16, 32)]
    public int Neighbours { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _samples = SyntheticDrilling.Samples();
        _model = new BlockModel(SyntheticDrilling.Grid);
        _variogram = new VariogramModel(0.01,
            new VariogramStructure(StructureType.Spherical, 0.03, Ellipsoid.FromGslib(80, 30, -10, 0, 0.6, 0.3)),
            new VariogramStructure(StructureType.Spherical, 0.02, Ellipsoid.FromGslib(250, 45, 0, 0, 0.8, 0.4)));
    }

    private EstimationPlan Plan(EstimationMethod method, BlockDiscretisation discretisation) =>
        new(method, new SearchNeighbourhood(Ellipsoid.FromGslib(300, 30, 0, 0, 0.8, 0.5), 2, Neighbours))
        {
            Variogram = _variogram,
            Discretisation = discretisation,
        };

    [Benchmark(Baseline = true, OperationsPerInvoke = Blocks, Description = "OK, point")]
    public EstimationReport OrdinaryPoint() =>
        BlockEstimator.Estimate(_model, _samples, "cu", Plan(EstimationMethod.OrdinaryKriging, BlockDiscretisation.Point));

    [Benchmark(OperationsPerInvoke = Blocks, Description = "OK, block 4×4×2")]
    public EstimationReport OrdinaryBlock() =>
        BlockEstimator.Estimate(_model, _samples, "cu", Plan(EstimationMethod.OrdinaryKriging, new BlockDiscretisation(4, 4, 2)));

    [Benchmark(OperationsPerInvoke = Blocks, Description = "IDW²")]
    public EstimationReport InverseDistance() =>
        BlockEstimator.Estimate(_model, _samples, "cu", Plan(EstimationMethod.InverseDistance, BlockDiscretisation.Point));
}
