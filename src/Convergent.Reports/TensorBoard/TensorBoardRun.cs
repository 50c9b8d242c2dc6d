namespace Convergent.Reports.TensorBoard;

/// <summary>What <see cref="TensorBoardExporter.Write(Diagnostics.RunRecord, Diagnostics.Diagnosis, string)"/> wrote:
/// the run folder (give it, or its parent, to <c>tensorboard --logdir</c>) and the events files in its
/// <c>train/</c> and <c>validation/</c> folders (null when the run has no validation metrics).</summary>
public sealed record TensorBoardRun(string Directory, string TrainFile, string? ValidationFile);
