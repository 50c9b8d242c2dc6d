using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>What kind of function an activation is; the doctor reads this, never a layer's name.</summary>
public enum ActivationKind
{
    Linear, Relu, LeakyRelu, Elu, Selu, Gelu, Tanh, Sigmoid, HardSigmoid, Softmax, Softplus, Softsign, Exponential,
}

/// <summary>An elementwise (or, for softmax, row-wise) activation function (Keras <c>keras.activations</c>).</summary>
public abstract class Activation
{
    /// <summary>The function's kind.</summary>
    public abstract ActivationKind Kind { get; }

    /// <summary>The Keras name, e.g. <c>"relu"</c>.</summary>
    public abstract string KerasName { get; }

    /// <summary>Applies the function (differentiably).</summary>
    public abstract Tensor Apply(Tensor x);

    /// <summary>Whether the unit saturates (tanh, sigmoid, hard_sigmoid, softsign): its gradient vanishes for large |x|.</summary>
    public bool IsSaturating => Kind is ActivationKind.Tanh or ActivationKind.Sigmoid or ActivationKind.HardSigmoid or ActivationKind.Softsign;

    /// <summary>Whether units can die (output exactly 0 with zero gradient over a whole input range).</summary>
    public bool CanDie => Kind is ActivationKind.Relu;

    public override string ToString() => KerasName;
}
