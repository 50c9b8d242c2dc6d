namespace Convergent.Keras;

/// <summary>Where a training setting's value came from.</summary>
public enum SettingOrigin
{
    /// <summary>Written in the script (or the JSON/model file).</summary>
    Given,

    /// <summary>Not written: Keras's default for the Keras version the script is written for.</summary>
    KerasDefault,

    /// <summary>Supplied by the caller (e.g. from the data), not by the script.</summary>
    Caller,
}
