namespace Convergent.Diagnostics;

/// <summary>
/// What a model with 2-D inputs predicts over a square grid covering its data (user story 5's picture), with the data
/// points to draw on top. Cell (i, j) — row i from <see cref="YMin"/> upwards, column j from <see cref="XMin"/> — is
/// predicted at its centre; <see cref="Classes"/> and <see cref="Confidence"/> are row-major, <c>[i * Size + j]</c>.
/// </summary>
/// <param name="Epoch">Epochs completed when predicted (1-based).</param>
/// <param name="Size">Cells per side.</param>
/// <param name="XMin">Left edge of the grid (first input feature).</param>
/// <param name="XMax">Right edge.</param>
/// <param name="YMin">Bottom edge (second input feature).</param>
/// <param name="YMax">Top edge.</param>
/// <param name="Classes">Predicted class per cell; −1 where the output was not finite.</param>
/// <param name="Confidence">The predicted class's probability per cell (NaN where not finite).</param>
/// <param name="Points">The data points drawn on top (all of them, or an even sample of at most
/// <see cref="SnapshotOptions.MaxBoundaryPoints"/>).</param>
public sealed record DecisionBoundary(
    int Epoch, int Size, double XMin, double XMax, double YMin, double YMax, int[] Classes, float[] Confidence,
    IReadOnlyList<DataPoint> Points)
{
    /// <summary>Centre of column <paramref name="j"/> on the first feature's axis.</summary>
    public double CellX(int j) => XMin + (XMax - XMin) * (j + 0.5) / Size;

    /// <summary>Centre of row <paramref name="i"/> on the second feature's axis.</summary>
    public double CellY(int i) => YMin + (YMax - YMin) * (i + 0.5) / Size;
}

/// <summary>One sample of 2-D data: its coordinates, its class and whether it is in the validation set.</summary>
public readonly record struct DataPoint(double X, double Y, int Label, bool Validation);
