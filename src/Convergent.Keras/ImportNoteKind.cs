namespace Convergent.Keras;

/// <summary>What an <see cref="ImportNote"/> reports.</summary>
public enum ImportNoteKind
{
    /// <summary>A setting the script does not give was filled with Keras's default.</summary>
    Defaulted,

    /// <summary>A statement of the script was not evaluated (data loading, plotting …).</summary>
    Skipped,

    /// <summary>Accepted, but the user should know (e.g. a Keras 1 behaviour that differs in Keras 3).</summary>
    Warning,

    /// <summary>How the image data format (channel axis) was decided.</summary>
    DataFormat,

    /// <summary>Something in the script that the engine does not run (e.g. a TensorBoard callback); training
    /// results do not depend on it.</summary>
    NotRun,
}
