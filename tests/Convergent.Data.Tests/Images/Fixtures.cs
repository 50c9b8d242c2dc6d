namespace Convergent.Data.Tests;

/// <summary>Paths of the committed image fixtures (made by Fixtures/make-fixtures.sh with ImageMagick, netpbm and
/// libjpeg-turbo) and their ImageMagick-decoded references.</summary>
internal static class Fixtures
{
    public const int Width = 37, Height = 29;

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "images", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path(name));

    /// <summary>ImageMagick's decode of <paramref name="name"/> as 8-bit RGBA (<c>convert X -depth 8 rgba:X.rgba</c>).</summary>
    /// <remarks>16-bit files have a 16-bit reference (<c>X.rgba16</c>, big-endian samples); the decoder's documented
    /// conversion round(v / 257) = (v + 128) / 257 is applied to it here. ImageMagick's own 8-bit output truncates
    /// instead, so it would differ by one in about a third of the samples.</remarks>
    public static byte[] ReferenceRgba(string name)
    {
        if (!File.Exists(Path(name + ".rgba16"))) return Bytes(name + ".rgba");
        var wide = Bytes(name + ".rgba16");
        var r = new byte[wide.Length / 2];
        for (int i = 0; i < r.Length; i++) r[i] = (byte)((((wide[2 * i] << 8) | wide[2 * i + 1]) + 128) / 257);
        return r;
    }
}
