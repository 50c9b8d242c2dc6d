using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>The arguments of Keras <c>model.fit</c> the doctor trains with (Keras defaults).</summary>
public sealed record FitSettings
{
    public int Epochs { get; init; } = 1;
    public int BatchSize { get; init; } = 32;
    public double ValidationSplit { get; init; }
    public (Tensor X, Tensor Y)? ValidationData { get; init; }
    public bool Shuffle { get; init; } = true;
    /// <summary>0 silent, 1 progress bar, 2 one line per epoch (as Keras).</summary>
    public int Verbose { get; init; }
    public IReadOnlyDictionary<int, double>? ClassWeight { get; init; }
    /// <summary>The user's own callbacks, run after the doctor's.</summary>
    public IReadOnlyList<Callback> Callbacks { get; init; } = [];
}
