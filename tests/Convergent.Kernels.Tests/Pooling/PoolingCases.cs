namespace Convergent.Kernels.Tests.Pooling;

/// <summary>The pooling configurations swept by the kernel tests: square and non-square inputs, pools with stride
/// equal to, below and above the pool, 'valid' and 'same', and channel counts on both sides of the vector width and of
/// the 256-channel chunk of the max-pool backward pass.</summary>
internal static class PoolingCases
{
    private static readonly (int H, int W)[] Inputs = [(5, 7), (4, 4), (3, 3)];

    private static readonly (int PH, int PW, int SH, int SW)[] Pools =
        [(2, 2, 2, 2), (3, 3, 2, 2), (2, 2, 1, 1), (3, 2, 1, 2), (3, 3, 3, 3), (1, 1, 1, 1), (4, 3, 3, 1)];

    private static readonly int[] ChannelCounts = [1, 3, 8, 17];

    public static IEnumerable<PoolingTwin> All(bool same, bool channelsLast)
    {
        foreach (var (h, w) in Inputs)
        {
            foreach (var (ph, pw, sh, sw) in Pools)
            {
                if (!same && (ph > h || pw > w))
                    continue;
                foreach (int c in ChannelCounts)
                    yield return new PoolingTwin(2, h, w, c, ph, pw, sh, sw, same, channelsLast);
            }
        }
        // Wider than one 256-channel chunk (and than one vector).
        yield return new PoolingTwin(1, 5, 4, 300, 3, 3, 2, 1, same, channelsLast);
    }

    public static TheoryData<bool, bool> Layouts => new()
    {
        { false, true }, { true, true }, { false, false }, { true, false },
    };
}
