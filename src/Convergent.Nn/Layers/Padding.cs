namespace Convergent.Nn;

/// <summary>How convolution and pooling windows treat the borders (Keras <c>padding</c>).</summary>
public enum Padding
{
    /// <summary><c>"valid"</c>: no padding; windows stay inside the input, out = ⌊(in − span)/stride⌋ + 1.</summary>
    Valid,
    /// <summary><c>"same"</c>: zero padding so out = ⌈in/stride⌉, the odd extra row/column at the bottom/right (TensorFlow).</summary>
    Same,
    /// <summary><c>"causal"</c> (Conv1D only): (kernel − 1)·dilation zeros on the left, so output t sees inputs ≤ t.</summary>
    Causal,
}
