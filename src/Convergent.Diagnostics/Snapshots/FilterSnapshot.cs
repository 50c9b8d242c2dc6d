namespace Convergent.Diagnostics;

/// <summary>
/// The kernels of one Conv2D layer at one moment of training, kept small enough to draw: at most
/// <see cref="SnapshotOptions.MaxFiltersPerLayer"/> filters, each block-averaged down to at most
/// <see cref="SnapshotOptions.MaxFilterSide"/> pixels a side. <see cref="Values"/> is laid out (filter, row, column,
/// channel), with <see cref="Channels"/> 3 when the layer reads 3 input channels (drawn as RGB) and 1 otherwise (the mean
/// over the <see cref="InputChannels"/> input channels).
/// </summary>
/// <param name="Layer">The layer's name.</param>
/// <param name="Epoch">Epochs completed when taken: 0 at initialization, then 1-based as Keras prints them.</param>
/// <param name="Step">Optimizer steps taken when taken (Keras <c>optimizer.iterations</c>).</param>
/// <param name="Filters">Filters kept (the layer's first ones).</param>
/// <param name="TotalFilters">Filters the layer has.</param>
/// <param name="Height">Pixel rows per filter after downsampling.</param>
/// <param name="Width">Pixel columns per filter after downsampling.</param>
/// <param name="Channels">1 or 3.</param>
/// <param name="KernelHeight">The kernel's own height.</param>
/// <param name="KernelWidth">The kernel's own width.</param>
/// <param name="InputChannels">The kernel's input channels.</param>
/// <param name="Values">Weights, (filter, row, column, channel) row-major.</param>
public sealed record FilterSnapshot(
    string Layer, int Epoch, long Step, int Filters, int TotalFilters, int Height, int Width, int Channels,
    int KernelHeight, int KernelWidth, int InputChannels, float[] Values)
{
    /// <summary>The value of pixel (<paramref name="row"/>, <paramref name="column"/>), channel <paramref name="channel"/>
    /// of filter <paramref name="filter"/>.</summary>
    public float At(int filter, int row, int column, int channel = 0) =>
        Values[((filter * Height + row) * Width + column) * Channels + channel];

    /// <summary>Kernel pixels averaged into one stored pixel along each axis (1 when not downsampled).</summary>
    public int Downsample => (int)Math.Ceiling((double)Math.Max(KernelHeight, KernelWidth) / Math.Max(Height, Width));
}
