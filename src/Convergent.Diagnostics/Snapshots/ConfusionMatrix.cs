namespace Convergent.Diagnostics;

/// <summary>
/// True class against predicted class (argmax of the output; for one output unit p ≥ 0.5, or logit ≥ 0) counted over
/// one pass of the model in inference mode at the end of training.
/// </summary>
/// <param name="Epoch">Epochs completed when counted (1-based).</param>
/// <param name="OnValidation">True when counted on the validation data; false when the run had none and the training
/// data was used.</param>
/// <param name="Classes">Number of classes (rows and columns).</param>
/// <param name="Counts">Counts, row-major: <c>Counts[truth * Classes + predicted]</c>.</param>
/// <param name="Unpredictable">Samples whose output was NaN or infinite (no class), not in <paramref name="Counts"/>.</param>
public sealed record ConfusionMatrix(int Epoch, bool OnValidation, int Classes, long[] Counts, long Unpredictable)
{
    /// <summary>Samples of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => Counts[truth * Classes + predicted];

    /// <summary>Samples counted.</summary>
    public long Total => Counts.Sum();

    /// <summary>Share of counted samples on the diagonal.</summary>
    public double Accuracy
    {
        get
        {
            long right = 0;
            for (int c = 0; c < Classes; c++) right += this[c, c];
            return Total == 0 ? double.NaN : (double)right / Total;
        }
    }
}
