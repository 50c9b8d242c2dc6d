using Convergent.Keras.Building;
using Convergent.Nn;

namespace Convergent.Keras;

/// <summary>
/// The one place where Keras names meet engine objects: layers, activations, initializers, regularizers,
/// constraints, optimizers (and learning-rate schedules), losses, metrics and callbacks, from their Keras 3 names
/// and configurations (as the importer normalizes them) to <c>Convergent.Nn</c> objects — and back, for model
/// files and the config round trip (<see cref="ToKeras(Nn.Layer)"/> and friends). The spellings (Keras 1/2 aliases →
/// Keras 3 names) live in the importer's catalog; this class maps the Keras 3 names.
/// </summary>
/// <remarks>
/// Every argument of a Keras object is either mapped to an engine constructor argument or rejected with a
/// <see cref="KerasImportException"/> naming the argument, its owner and where it was written; arguments that do
/// not change training results (<c>name</c> of an optimizer, <c>fused</c>) are accepted and noted.
/// </remarks>
public static partial class KerasRegistry
{
    private static readonly SourceRef Nowhere = new("<registry>", 0, 0, "");

    private static ConfigReader ObjectReader(KerasObjectSpec spec, SourceRef? source, BuildContext context) =>
        new(spec.ClassName, spec.Config, source ?? Nowhere, context);

    private static KerasImportException Unsupported(SourceRef source, string what, string name, IEnumerable<string> supported) =>
        new(source.File, source.Line, source.Column, source.Text, $"{what} '{name}' is not supported by the training engine",
            "supported: " + string.Join(", ", supported), source.JsonPath);
}
