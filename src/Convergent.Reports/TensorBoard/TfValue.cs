namespace Convergent.Reports.TensorBoard;

/// <summary>
/// One <c>Summary.Value</c>: a tag and one of a scalar (<c>simple_value</c>), a histogram (<c>histo</c>) or a text
/// (a string tensor marked for the <c>text</c> plugin). TensorBoard groups tags into sections by their first
/// <c>/</c>-separated part.
/// </summary>
public sealed record TfValue(string Tag)
{
    /// <summary>A scalar value (float32, as TensorBoard stores it), or null.</summary>
    public float? Scalar { get; init; }

    /// <summary>A histogram, or null.</summary>
    public TfHistogram? Histogram { get; init; }

    /// <summary>A (Markdown) text, or null.</summary>
    public string? Text { get; init; }

    /// <summary>A scalar value.</summary>
    public static TfValue OfScalar(string tag, double value) => new(tag) { Scalar = (float)value };

    /// <summary>A histogram value.</summary>
    public static TfValue OfHistogram(string tag, TfHistogram histogram) => new(tag) { Histogram = histogram };

    /// <summary>A text value for TensorBoard's Text tab (rendered as Markdown).</summary>
    public static TfValue OfText(string tag, string text) => new(tag) { Text = text };
}
