namespace DepositTwin.Planning;

/// <summary>
/// Pushbacks (phases) chosen from nested pits: consecutive shells are grouped until a phase holds at least a
/// minimum of rock tonnes; a last phase below the minimum joins the one before. Every phase ends on a
/// nested pit, so each phase's outer limit is a pit that satisfies the precedence.
/// </summary>
/// <remarks>A minimum mining width between successive phase walls is not enforced yet (it needs the geometry of the walls, not only tonnage).</remarks>
public sealed class Pushbacks
{
    private readonly int[] _phase;

    private Pushbacks(int[] phase, IReadOnlyList<int> lastPit, IReadOnlyList<double> tonnes)
    {
        _phase = phase;
        LastPitOfPhase = lastPit;
        PhaseTonnes = tonnes;
    }

    /// <summary>Number of phases.</summary>
    public int Count => LastPitOfPhase.Count;

    /// <summary>Per phase, the index of the nested pit it ends on.</summary>
    public IReadOnlyList<int> LastPitOfPhase { get; }

    /// <summary>Rock tonnes of each phase.</summary>
    public IReadOnlyList<double> PhaseTonnes { get; }

    /// <summary>Per block, its phase (0-based); −1 outside the final pit.</summary>
    public ReadOnlySpan<int> PhaseOfBlock => _phase;

    /// <summary>Groups the shells of <paramref name="pits"/> into phases of at least <paramref name="minimumTonnes"/>.</summary>
    public static Pushbacks Choose(NestedPits pits, PitEconomics economics, double minimumTonnes)
    {
        ArgumentNullException.ThrowIfNull(pits);
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumTonnes);
        var lastPit = new List<int>();
        var tonnes = new List<double>();
        double previous = 0;
        for (int p = 0; p < pits.Pits.Count; p++)
        {
            double added = pits.Pits[p].Tonnes - previous;
            bool last = p == pits.Pits.Count - 1;
            if (added >= minimumTonnes || last)
            {
                if (last && added < minimumTonnes && lastPit.Count > 0)
                {
                    // Too small to stand alone: the outermost shells join the phase before.
                    lastPit[^1] = p;
                    tonnes[^1] += added;
                }
                else if (added > 0 || lastPit.Count == 0)
                {
                    lastPit.Add(p);
                    tonnes.Add(added);
                }

                previous = pits.Pits[p].Tonnes;
            }
        }

        var phase = new int[economics.BlockCount];
        for (int b = 0; b < phase.Length; b++)
        {
            int shell = pits.ShellOfBlock[b];
            phase[b] = shell < 0 ? -1 : lastPit.FindIndex(end => end >= shell);
        }

        return new Pushbacks(phase, lastPit, tonnes);
    }
}
