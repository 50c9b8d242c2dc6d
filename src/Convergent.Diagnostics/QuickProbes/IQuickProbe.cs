namespace Convergent.Diagnostics;

/// <summary>
/// A bounded experiment run before training on fresh copies of the model (from <see cref="QuickProbeContext.NewModel"/>),
/// writing what it measured into <see cref="InitFacts"/>; "before" rules then judge those facts. A probe is bounded by
/// its own step counts, must respect <see cref="QuickProbeContext.Budget"/> when one is set, and report when it ran out
/// of time.
/// </summary>
public interface IQuickProbe
{
    /// <summary>A short name for progress output (e.g. <c>small-batch overfit</c>).</summary>
    string Name { get; }

    /// <summary>Runs the probe and records its results in <paramref name="facts"/>.</summary>
    void Run(QuickProbeContext context, InitFacts facts);
}

/// <summary>The registry of quick probes, in the order they run.</summary>
public static class QuickProbes
{
    /// <summary>Fresh instances of every quick probe.</summary>
    public static IReadOnlyList<IQuickProbe> All =>
    [
        new InitialStateProbe(),
        new SmallBatchOverfitProbe(),
        new ZeroInputProbe(),
    ];
}
