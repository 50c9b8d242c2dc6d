namespace Convergent.Keras.Catalog;

/// <summary>One supported Keras object class (optimizer, initializer, callback ...) and its spellings.</summary>
internal sealed class ObjectDefinition
{
    public required KerasObjectKind Kind { get; init; }

    /// <summary>Keras 3 class name.</summary>
    public required string ClassName { get; init; }

    /// <summary>Other names accepted: Keras 2 function forms (<c>max_norm</c>, <c>l2</c>, <c>he_normal</c>),
    /// Keras 1 names (<c>maxnorm</c>, <c>activity_l2</c>) and lower-case optimizer aliases.</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>Keras 3 positional order.</summary>
    public string[] Positional { get; init; } = [];

    /// <summary>Keras 1/2 positional order where it differs (optimizers: <c>SGD(lr, momentum, decay, nesterov)</c>).</summary>
    public string[]? Keras2Positional { get; init; }

    public ArgSpec[] Args { get; init; } = [];

    /// <summary>Keyword renames (old → Keras 3), e.g. <c>lr</c> → <c>learning_rate</c>, <c>m</c> → <c>max_value</c>.</summary>
    public (string Old, string New)[] Renames { get; init; } = [];

    public string[] Required { get; init; } = [];

    public ArgSpec? FindArg(string name) => Array.Find(Args, a => a.Name == name);
}
