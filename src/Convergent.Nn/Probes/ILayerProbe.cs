using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// Sees a layer's tensors right after its forward pass. Implementations summarize what they need in one pass
/// and must not keep the tensors (they are reused or released after the step).
/// </summary>
public interface ILayerProbe
{
    /// <summary>Called after <paramref name="layer"/> computed <paramref name="output"/> from <paramref name="input"/>;
    /// <paramref name="preActivation"/> is the value before the layer's activation when it has one.</summary>
    void AfterForward(Layer layer, Tensor input, Tensor output, Tensor? preActivation, bool training);
}
