namespace Convergent.Nn;

/// <summary>How image transforms fill points that fall outside the input (Keras <c>fill_mode</c>), shown for a row
/// a b c d.</summary>
public enum FillMode
{
    /// <summary><c>"reflect"</c>: (d c b a | a b c d | d c b a) — mirrored about the edge of the last pixel.</summary>
    Reflect,
    /// <summary><c>"constant"</c>: (k k k k | a b c d | k k k k) with k the fill value.</summary>
    Constant,
    /// <summary><c>"nearest"</c>: (a a a a | a b c d | d d d d).</summary>
    Nearest,
    /// <summary><c>"wrap"</c>: (a b c d | a b c d | a b c d).</summary>
    Wrap,
}
