namespace Convergent.Kernels;

/// <summary>Argument checks shared by the global pooling kernels.</summary>
internal static class GlobalPoolGuard
{
    /// <summary>Throws unless the sizes are positive, x holds N·H·W·C elements and y holds N·C.</summary>
    public static void Require(int xLength, int yLength, string xName, string yName, int batch, int height, int width, int channels)
    {
        RequirePositive(batch, nameof(batch));
        RequirePositive(height, nameof(height));
        RequirePositive(width, nameof(width));
        RequirePositive(channels, nameof(channels));
        long input = (long)batch * height * width * channels;
        if (xLength != input)
            throw new ArgumentException($"{xName} must hold N·H·W·C = {input} elements. Received: {xName}.Length={xLength}.", xName);
        if (yLength != (long)batch * channels)
            throw new ArgumentException($"{yName} must hold N·C = {(long)batch * channels} elements. Received: {yName}.Length={yLength}.", yName);
    }

    private static void RequirePositive(int value, string name)
    {
        if (value <= 0)
            throw new ArgumentException($"{name} must be positive. Received: {name}={value}", name);
    }
}
