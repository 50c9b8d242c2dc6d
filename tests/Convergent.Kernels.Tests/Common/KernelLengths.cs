namespace Convergent.Kernels.Tests.Common;

/// <summary>Every length 0…256 (each vector-block/tail split for vectors up to 64 lanes) and a few large odd ones.</summary>
internal static class KernelLengths
{
    public static IEnumerable<int> All()
    {
        for (int n = 0; n <= 256; n++)
            yield return n;
        yield return 1023;
        yield return 4099;
    }
}
