namespace Convergent.Keras.Catalog;

/// <summary>One Keras 3 argument of a layer or object: its name, kind, and allowed strings for a choice.</summary>
/// <param name="Name">Keras 3 argument name.</param>
/// <param name="Kind">How the value is checked.</param>
/// <param name="Choices">For string arguments with a fixed set of values, that set (lower case), else null.</param>
internal sealed record ArgSpec(string Name, ArgKind Kind, string[]? Choices = null);
