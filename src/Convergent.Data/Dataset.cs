using Convergent.Tensors;

namespace Convergent.Data;

/// <summary>
/// A data set ready for the engine: float32 features <c>x</c> of shape (N, …features) and targets <c>y</c>, either
/// integer class labels stored as float (N,) or one-hot rows (N, C). The test split is null when the source has
/// none (split it with <see cref="DataSplit"/>). Keras's <c>(x_train, y_train), (x_test, y_test)</c> pair, plus names.
/// </summary>
/// <param name="Name">Short identifier, e.g. <c>mnist-10k</c>.</param>
/// <param name="XTrain">Training features (N, …).</param>
/// <param name="YTrain">Training targets (N,) or (N, C).</param>
/// <param name="XTest">Test features, or null.</param>
/// <param name="YTest">Test targets, or null.</param>
/// <param name="ClassNames">Class names indexed by label, or null for regression targets.</param>
/// <param name="Description">One line on what the data is and where it comes from.</param>
public sealed record Dataset(
    string Name,
    Tensor XTrain,
    Tensor YTrain,
    Tensor? XTest,
    Tensor? YTest,
    IReadOnlyList<string>? ClassNames,
    string Description);
