namespace Convergent.Nn;

/// <summary>Whether a monitored quantity should go down or up (Keras <c>mode</c> of EarlyStopping, ReduceLROnPlateau,
/// ModelCheckpoint).</summary>
public enum MonitorMode
{
    /// <summary>Inferred from the name: see <see cref="MonitorCallback"/>.</summary>
    Auto,
    /// <summary>Lower is better (losses, errors).</summary>
    Min,
    /// <summary>Higher is better (accuracy, AUC).</summary>
    Max,
}
