using Convergent.Tensors;

namespace Convergent.Nn;

/// <summary>
/// A weight of a layer (Keras: a layer variable): its value, whether the optimizer may change it, and the
/// regularizer and constraint that go with it.
/// </summary>
public sealed class Variable
{
    internal Variable(string name, Tensor value, bool trainable, Regularizer? regularizer, Constraint? constraint)
    {
        Name = name;
        Value = value;
        Trainable = trainable;
        Regularizer = regularizer;
        Constraint = constraint;
        value.RequiresGrad = trainable;
        value.Name = name;
    }

    /// <summary>Full name, e.g. <c>dense_1/kernel</c>.</summary>
    public string Name { get; internal set; }

    /// <summary>The current value (updated in place by optimizers).</summary>
    public Tensor Value { get; }

    /// <summary>The gradient accumulated by the last backward pass, if any.</summary>
    public Tensor? Gradient => Value.Grad;

    /// <summary>Whether the optimizer updates this variable.</summary>
    public bool Trainable
    {
        get => _trainable;
        set { _trainable = value; Value.RequiresGrad = value; }
    }
    private bool _trainable;

    /// <summary>Penalty added to the loss (Keras <c>kernel_regularizer</c>), or null.</summary>
    public Regularizer? Regularizer { get; }

    /// <summary>Projection applied after each optimizer step (Keras <c>kernel_constraint</c>), or null.</summary>
    public Constraint? Constraint { get; }

    /// <summary>Shape of the value.</summary>
    public Shape Shape => Value.Shape;

    public override string ToString() => $"{Name} {Shape}";
}
