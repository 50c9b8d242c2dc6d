namespace Convergent.Keras;

/// <summary>What the model was read from.</summary>
public enum ModelSourceKind
{
    /// <summary>A Keras Python script.</summary>
    PythonScript,

    /// <summary><c>model.to_json()</c> output.</summary>
    KerasJson,

    /// <summary>A <c>.keras</c> archive (zip with <c>config.json</c>).</summary>
    KerasArchive,
}
