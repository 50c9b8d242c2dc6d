using System.Text;

namespace Convergent.Reports.TensorBoard;

/// <summary>
/// One <c>Summary.Value</c>: a tag and one of a scalar (<c>simple_value</c>), a histogram (<c>histo</c>) or a string
/// tensor addressed to a plugin (<c>tensor</c> + <c>metadata.plugin_data</c>): Markdown for the <c>text</c> plugin,
/// a serialized layout for <c>custom_scalars</c>. TensorBoard groups tags into sections by their first
/// <c>/</c>-separated part.
/// </summary>
public sealed record TfValue(string Tag)
{
    /// <summary>The plugin that reads the text tab.</summary>
    public const string TextPlugin = "text";

    /// <summary>A scalar value (float32, as TensorBoard stores it), or null.</summary>
    public float? Scalar { get; init; }

    /// <summary>A histogram, or null.</summary>
    public TfHistogram? Histogram { get; init; }

    /// <summary>The plugin a string tensor is for (<c>text</c>, <c>custom_scalars</c>), or null.</summary>
    public string? PluginName { get; init; }

    /// <summary>The bytes of a scalar string tensor (DT_STRING), or null.</summary>
    public byte[]? StringTensor { get; init; }

    /// <summary>The Markdown of a value for the text plugin, or null.</summary>
    public string? Text => PluginName == TextPlugin && StringTensor is not null ? Encoding.UTF8.GetString(StringTensor) : null;

    /// <summary>A scalar value.</summary>
    public static TfValue OfScalar(string tag, double value) => new(tag) { Scalar = (float)value };

    /// <summary>A histogram value.</summary>
    public static TfValue OfHistogram(string tag, TfHistogram histogram) => new(tag) { Histogram = histogram };

    /// <summary>A text value for TensorBoard's Text tab (rendered as Markdown).</summary>
    public static TfValue OfText(string tag, string text) => OfPluginString(tag, TextPlugin, Encoding.UTF8.GetBytes(text));

    /// <summary>A scalar string tensor for the plugin <paramref name="pluginName"/>.</summary>
    public static TfValue OfPluginString(string tag, string pluginName, byte[] bytes) =>
        new(tag) { PluginName = pluginName, StringTensor = bytes };
}
