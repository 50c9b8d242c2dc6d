namespace Convergent.Nn;

/// <summary>How <see cref="AUC"/> sums the area between thresholds (Keras <c>summation_method</c>).</summary>
public enum AucSummationMethod
{
    /// <summary>Keras's default: trapezoids for ROC; Davis &amp; Goadrich's interpolation for PR.</summary>
    Interpolation,
    /// <summary>Left Riemann sum with the lower of the two heights.</summary>
    Minoring,
    /// <summary>Riemann sum with the higher of the two heights.</summary>
    Majoring,
}
