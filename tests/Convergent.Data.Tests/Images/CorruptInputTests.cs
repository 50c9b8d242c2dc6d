namespace Convergent.Data.Tests;

/// <summary>Every decoder, fed damaged input, either decodes something or throws <see cref="DataFormatException"/> —
/// never an IndexOutOfRangeException, OverflowException or the like.</summary>
public class CorruptInputTests
{
    [Theory]
    [InlineData("png-rgb8.png")]
    [InlineData("png-palette-trns.png")]
    [InlineData("png-rgba16-interlaced.png")]
    [InlineData("png-gray1-interlaced.png")]
    [InlineData("bmp-pal4.bmp")]
    [InlineData("bmp-v5-rgba32.bmp")]
    [InlineData("pnm-p3.ppm")]
    [InlineData("pnm-p6-16bit.ppm")]
    [InlineData("jpeg-420.jpg")]
    [InlineData("jpeg-444-restart-3mcu.jpg")]
    [InlineData("jpeg-gray.jpg")]
    public void Decode_RandomlyDamagedFile_OnlyEverThrowsDataFormatException(string name)
    {
        var original = Fixtures.Bytes(name);
        var rng = new Random(12345);
        for (int trial = 0; trial < 300; trial++)
        {
            var bytes = (byte[])original.Clone();
            int edits = 1 + rng.Next(4);
            for (int k = 0; k < edits; k++)
            {
                // Damage the headers more often than the pixel data: that is where the size arithmetic lives.
                int at = rng.Next(2) == 0 ? rng.Next(Math.Min(bytes.Length, 200)) : rng.Next(bytes.Length);
                bytes[at] = (byte)rng.Next(256);
            }
            if (rng.Next(4) == 0) bytes = bytes[..rng.Next(bytes.Length)];
            // For PNG, usually repair the CRCs so the damage reaches the header checks, filters and inflater.
            if (name.EndsWith(".png") && rng.Next(4) != 0) FixPngCrcs(bytes);
            try
            {
                var img = Image.Decode(bytes, name);
                Assert.Equal((long)img.Width * img.Height * img.Channels, img.Pixels.Length);
            }
            catch (DataFormatException)
            {
            }
        }
    }

    private static void FixPngCrcs(byte[] b)
    {
        int pos = 8;
        while (pos + 12 <= b.Length)
        {
            long len = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(pos));
            if (pos + 12 + len > b.Length) return;
            uint c = 0xFFFFFFFF;
            foreach (byte x in b.AsSpan(pos + 4, (int)len + 4))
            {
                c ^= x;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(pos + 8 + (int)len), ~c);
            pos += 12 + (int)len;
        }
    }

    [Fact]
    public void NpyAndIdx_RandomlyDamagedHeaders_OnlyEverThrowDataFormatException()
    {
        using var dir = new TempDir();
        Npy.Write(dir.File("a.npy"), NpyArray.Create(Enumerable.Range(0, 24).Select(i => (float)i).ToArray(), 2, 3, 4), new NpyWriteOptions { Version = 2 });
        var npy = File.ReadAllBytes(dir.File("a.npy"));
        var idx = IdxTests.IdxBytes(0x0C, [2, 3], new byte[24]);
        var rng = new Random(777);
        for (int trial = 0; trial < 500; trial++)
        {
            foreach (var (original, read) in new (byte[], Action<byte[]>)[]
                     {
                         (npy, b => Npy.Read(new MemoryStream(b), "a.npy")),
                         (idx, b => Idx.Read(new MemoryStream(b), "a.idx")),
                     })
            {
                var bytes = (byte[])original.Clone();
                bytes[rng.Next(Math.Min(bytes.Length, 80))] = (byte)rng.Next(256);
                if (rng.Next(3) == 0) bytes = bytes[..rng.Next(bytes.Length)];
                try { read(bytes); }
                catch (DataFormatException) { }
            }
        }
    }
}
