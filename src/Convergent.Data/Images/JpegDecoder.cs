namespace Convergent.Data;

/// <summary>Baseline JPEG decoder (placeholder until implemented).</summary>
public static class JpegDecoder
{
    /// <summary>Decodes JPEG bytes.</summary>
    public static Image Decode(byte[] data, string sourceName) =>
        throw new DataFormatException(sourceName, "JPEG decoding is not available yet", 0);
}
