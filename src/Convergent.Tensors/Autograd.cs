namespace Convergent.Tensors;

/// <summary>
/// Reverse-mode automatic differentiation over the recorded <see cref="TapeNode"/>s: a topological order of the
/// graph reachable from the result, then each node's backward rule from the result down to the leaves.
/// </summary>
public static class Autograd
{
    [ThreadStatic] private static int t_noGradDepth;

    /// <summary>Whether ops currently record their graph (off inside <see cref="NoGrad"/>).</summary>
    public static bool IsRecording => t_noGradDepth == 0;

    /// <summary>Stops recording on this thread until the returned scope is disposed (Keras: inference, metrics).</summary>
    public static IDisposable NoGrad()
    {
        t_noGradDepth++;
        return new NoGradScope();
    }

    private sealed class NoGradScope : IDisposable
    {
        private bool _disposed;
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            t_noGradDepth--;
        }
    }

    /// <summary>Records <paramref name="output"/> as computed by <paramref name="op"/> from <paramref name="inputs"/>
    /// when recording is on and any input requires a gradient. The rule receives d(loss)/d(output).</summary>
    public static Tensor Record(Tensor output, string op, Tensor[] inputs, Action<Tensor> backward)
    {
        if (!IsRecording) return output;
        bool any = false;
        foreach (var t in inputs) any |= t.RequiresGrad;
        if (!any) return output;
        output.RequiresGrad = true;
        output.Node = new TapeNode(op, inputs, backward);
        return output;
    }

    /// <summary>Back-propagates from the scalar <paramref name="root"/> (seeded with 1).</summary>
    public static void Backward(Tensor root)
    {
        if (root.Size != 1)
            throw new InvalidOperationException($"Backward() starts from a scalar; the tensor has shape {root.Shape}.");
        Backward(root, Tensor.Ones(root.Shape, root.DType));
    }

    /// <summary>Back-propagates from <paramref name="root"/> seeded with the gradient <paramref name="seed"/>.
    /// Gradients of intermediate results are released after use; leaves keep (accumulate) theirs.</summary>
    public static void Backward(Tensor root, Tensor seed)
    {
        if (!root.RequiresGrad) throw new InvalidOperationException("The tensor does not require gradients: nothing to differentiate.");
        var order = TopologicalOrder(root);
        var g = root.GradBuffer();
        Ops.AccumulateInto(g, seed);
        for (int i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            var node = t.Node!;
            var grad = t.Grad;
            if (grad is null) continue;            // no path from the root reached it with a gradient
            node.BackwardRule(grad);
            t.Grad = null;                          // intermediate gradient: free it as soon as it has been used
            Release(grad, node);
        }
    }

    /// <summary>Gives a used intermediate gradient's storage back to the active arena, unless the rule handed it on
    /// as an input's gradient (see <see cref="Ops.AddGrad"/>).</summary>
    private static void Release(Tensor grad, TapeNode node)
    {
        if (TensorArena.Current is null) return;
        foreach (var input in node.Inputs)
            if (input.Grad is { } g && ReferenceEquals(g.Storage, grad.Storage)) return;
        TensorArena.Return(grad.Storage);
    }

    /// <summary>Tensors with a recorded node reachable from <paramref name="root"/>, inputs before outputs.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var visited = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        // iterative post-order DFS: deep graphs (hundreds of layers) must not overflow the stack
        var stack = new Stack<(Tensor t, int next)>();
        if (root.Node is null) return order;
        stack.Push((root, 0));
        visited.Add(root);
        while (stack.Count > 0)
        {
            var (t, next) = stack.Pop();
            var inputs = t.Node!.Inputs;
            if (next < inputs.Count)
            {
                stack.Push((t, next + 1));
                var child = inputs[next];
                if (child.Node is not null && visited.Add(child)) stack.Push((child, 0));
            }
            else order.Add(t);
        }
        return order;
    }
}
