namespace Convergent.Data;

/// <summary>
/// A decoded 8-bit image: <see cref="Width"/> × <see cref="Height"/> pixels of <see cref="Channels"/> bytes each
/// (1 gray, 3 RGB, 4 RGBA), stored row-major top to bottom, channels interleaved (HWC).
/// </summary>
public sealed class Image
{
    /// <summary>Creates an image over <paramref name="pixels"/> (not copied).</summary>
    public Image(int width, int height, int channels, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width <= 0 || height <= 0) throw new ArgumentException($"Image size must be positive. Received: {width}×{height}");
        if (channels is not (1 or 3 or 4)) throw new ArgumentException($"channels must be 1, 3 or 4. Received: channels={channels}", nameof(channels));
        if ((long)width * height * channels != pixels.Length)
            throw new ArgumentException($"{pixels.Length} bytes cannot fill {width}×{height}×{channels}.", nameof(pixels));
        Width = width;
        Height = height;
        Channels = channels;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Bytes per pixel: 1 (gray), 3 (RGB) or 4 (RGBA).</summary>
    public int Channels { get; }

    /// <summary>Pixel bytes, row-major HWC.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// Converts to 1, 3 or 4 channels the way Pillow's <c>Image.convert</c> does (which Keras's <c>load_img</c>
    /// uses): gray → RGB replicates; RGB → gray is ITU-R 601 luma in Pillow's fixed point,
    /// <c>(19595·R + 38470·G + 7471·B + 32768) &gt;&gt; 16</c>; alpha is dropped without compositing, and added
    /// as 255 (opaque).
    /// </summary>
    public Image ToChannels(int channels)
    {
        if (channels == Channels) return this;
        if (channels is not (1 or 3 or 4)) throw new ArgumentException($"channels must be 1, 3 or 4. Received: channels={channels}", nameof(channels));
        int n = Width * Height;
        var dst = new byte[n * channels];
        var src = Pixels;
        for (int i = 0; i < n; i++)
        {
            byte r, g, b, a = 255;
            if (Channels == 1) r = g = b = src[i];
            else
            {
                r = src[i * Channels]; g = src[i * Channels + 1]; b = src[i * Channels + 2];
                if (Channels == 4) a = src[i * 4 + 3];
            }
            if (channels == 1) dst[i] = (byte)((19595 * r + 38470 * g + 7471 * b + 32768) >> 16);
            else
            {
                dst[i * channels] = r; dst[i * channels + 1] = g; dst[i * channels + 2] = b;
                if (channels == 4) dst[i * 4 + 3] = a;
            }
        }
        return new Image(Width, Height, channels, dst);
    }

    /// <summary>Decodes an image file, choosing the decoder by the file's first bytes (PNG, BMP, JPEG, PNM), not
    /// its extension.</summary>
    public static Image Load(string path) => Decode(StreamUtil.ReadAllBytes(path), path);

    /// <summary>Decodes encoded image bytes, choosing the decoder by their signature; <paramref name="sourceName"/>
    /// names the input in errors.</summary>
    public static Image Decode(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length >= 8 && data[0] == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G') return PngDecoder.Decode(data, sourceName);
        if (data.Length >= 2 && data[0] == 'B' && data[1] == 'M') return BmpDecoder.Decode(data, sourceName);
        if (data.Length >= 2 && data[0] == 0xFF && data[1] == 0xD8) return JpegDecoder.Decode(data, sourceName);
        if (data.Length >= 2 && data[0] == 'P' && data[1] is >= (byte)'1' and <= (byte)'6') return PnmDecoder.Decode(data, sourceName);
        if (data.Length >= 6 && data[0] == 'G' && data[1] == 'I' && data[2] == 'F')
            throw new DataFormatException(sourceName, "unsupported image format: GIF (supported: PNG, JPEG, BMP, PPM/PGM/PBM)", 0, field: "signature");
        throw new DataFormatException(sourceName,
            $"unrecognised image format (first bytes {Convert.ToHexString(data.AsSpan(0, Math.Min(8, data.Length)))}); supported: PNG, JPEG, BMP, PPM/PGM/PBM",
            0, field: "signature");
    }

    /// <summary>Checks that a decoder's output size fits one array, before allocating it.</summary>
    internal static void CheckSize(string file, long width, long height, int channels, long offset, string field)
    {
        if (width <= 0 || height <= 0)
            throw new DataFormatException(file, $"image size {width}×{height} is not positive", offset, field: field);
        if (width * height * channels > Array.MaxLength)
            throw new DataFormatException(file, $"image size {width}×{height}×{channels} is more than one array can hold", offset, field: field);
    }
}
