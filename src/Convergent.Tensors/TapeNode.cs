namespace Convergent.Tensors;

/// <summary>
/// One recorded op: the inputs it read and the rule that, given the gradient of its output, accumulates the
/// gradients of those inputs (each rule adds into <c>input.Grad</c>; nothing is overwritten).
/// </summary>
public sealed class TapeNode
{
    internal TapeNode(string op, Tensor[] inputs, Action<Tensor> backward)
    {
        Op = op;
        Inputs = inputs;
        BackwardRule = backward;
    }

    /// <summary>The op's name, for messages and debugging.</summary>
    public string Op { get; }

    /// <summary>The tensors the op read.</summary>
    public IReadOnlyList<Tensor> Inputs { get; }

    internal Action<Tensor> BackwardRule { get; }
}
