namespace Convergent.Nn;

/// <summary>Which curve <see cref="AUC"/> integrates (Keras <c>curve</c>).</summary>
public enum AucCurve
{
    /// <summary>Receiver operating characteristic: true-positive rate against false-positive rate (Keras "ROC").</summary>
    Roc,
    /// <summary>Precision against recall (Keras "PR").</summary>
    PR,
}
