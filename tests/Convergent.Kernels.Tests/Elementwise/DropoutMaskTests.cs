namespace Convergent.Kernels.Tests.Elementwise;

[Collection(ParallelismCollection.Name)]
public sealed class DropoutMaskTests
{
    [Fact]
    public void Draw_SeedZero_IsSplitMix64ReferenceSequence()
    {
        // SplitMix64 seeded with 0 (Vigna's splitmix64.c, Java's SplittableRandom): its first three outputs
        Assert.Equal(0xE220A8397B1DCDAFUL, DropoutMask.Draw(0, 0));
        Assert.Equal(0x6E789E6AA1B965F4UL, DropoutMask.Draw(0, 1));
        Assert.Equal(0x06C45D188009454FUL, DropoutMask.Draw(0, 2));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(1023)]
    [InlineData(3 * (1 << 17) + 9)]   // parallel chunks, each with vector blocks and the last with a tail
    public void Fill_EveryElement_IsTheScalarDrawComparedWithTheRate(int n)
    {
        // the vector path (AVX-512 lanes) and the scalar tail must both be Draw(seed, i) ≥ ⌈rate·2⁵³⌉
        const double rate = 0.3;
        const ulong seed = 0xDEADBEEF;
        ulong threshold = (ulong)Math.Ceiling(rate * 9007199254740992.0);
        var f = new float[n]; var d = new double[n];
        DropoutMask.Fill<float>(f, rate, seed);
        DropoutMask.Fill<double>(d, rate, seed);
        for (int i = 0; i < n; i++)
        {
            bool keep = DropoutMask.Draw(seed, i) >> 11 >= threshold;
            Assert.Equal(keep ? (float)(1 / (1 - rate)) : 0f, f[i]);
            Assert.Equal(keep ? 1 / (1 - rate) : 0.0, d[i]);
        }
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Fill_KeepsAboutOneMinusRate_ScaledByItsInverse(double rate)
    {
        const int n = 200_000;
        var mask = new float[n];
        DropoutMask.Fill<float>(mask, rate, 12345);
        float scale = (float)(1 / (1 - rate));
        Assert.All(mask, m => Assert.True(m == 0 || m == scale, $"mask value {m}"));
        // binomial: sd = √(n·p·(1 − p)) ≤ 224; 6 sd
        int kept = mask.Count(m => m != 0);
        Assert.InRange(kept, n * (1 - rate) - 1350, n * (1 - rate) + 1350);
    }

    [Fact]
    public void Fill_RateZeroKeepsAll_RateOneKeepsNone()
    {
        var all = new double[1000]; var none = new double[1000];
        DropoutMask.Fill<double>(all, 0, 7);
        DropoutMask.Fill<double>(none, 1, 7);
        Assert.All(all, m => Assert.Equal(1.0, m));
        Assert.All(none, m => Assert.Equal(0.0, m));
    }

    [Fact]
    public void Fill_SameForEveryThreadCount_DifferentAcrossSeeds()
    {
        const int n = 3 * (1 << 17) + 5;
        int saved = Parallelism.MaxThreads;
        try
        {
            var masks = new List<float[]>();
            foreach (int t in new[] { 1, 2, 3, 7 })
            {
                Parallelism.MaxThreads = t;
                var m = new float[n];
                DropoutMask.Fill<float>(m, 0.5, 99);
                masks.Add(m);
            }
            foreach (var m in masks) Assert.Equal(masks[0], m);
            var other = new float[n];
            DropoutMask.Fill<float>(other, 0.5, 100);
            // masks of neighbouring seeds agree on about half the elements, as independent draws would: sd ≈ 310
            int agree = 0;
            for (int i = 0; i < n; i++) if (other[i] == masks[0][i]) agree++;
            Assert.InRange(agree, n / 2 - 2000, n / 2 + 2000);
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    [Fact]
    public void Fill_RateOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutMask.Fill<float>(new float[3], 1.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DropoutMask.Fill<float>(new float[3], double.NaN, 0));
    }
}
