namespace Convergent.Data;

/// <summary>The order in which categorical target values are numbered 0…C−1.</summary>
public enum ClassOrder
{
    /// <summary>Sorted (ordinal string order, or numeric order when every value is a number) — the order of
    /// scikit-learn's <c>LabelEncoder</c> and <c>numpy.unique</c>, so labels match a Python pipeline.</summary>
    Sorted,
    /// <summary>In order of first appearance in the file.</summary>
    FirstSeen,
}
