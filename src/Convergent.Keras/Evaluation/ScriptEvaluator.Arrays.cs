using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

// Data arrays with caller-supplied shapes: enough of numpy's shape arithmetic for scripts that size the model
// from their data (input_dim=X.shape[1], input_shape=x_train.shape[1:], num_classes=y.shape[1]).
internal sealed partial class ScriptEvaluator
{
    private static readonly HashSet<string> ShapePreservingMethods = ["astype", "copy", "clip", "round", "__abs__"];

    /// <summary>The supplied-shape array for <paramref name="name"/>, or null when none was supplied.</summary>
    private PyArray? SuppliedArray(string name, SourceSpan at)
    {
        if (!_options.ArrayShapes.TryGetValue(name, out int[]? shape))
        {
            return null;
        }

        if (_usedBindings.Add("array:" + name))
        {
            Warn(at, $"'{name}' taken as an array of shape ({string.Join(", ", shape)}) from the supplied array shapes");
        }

        return new PyArray(shape.Select(d => (long)d).ToArray(), name);
    }

    private PyValue ArrayAttribute(PyArray array, string name, AttributeExpr at) => name switch
    {
        "shape" => new PyTuple(array.Shape.Select(d => (PyValue)new PyInt(d)).ToArray()),
        "ndim" => new PyInt(array.Shape.Length),
        "size" => new PyInt(array.Size),
        "T" => new PyArray(array.Shape.Reverse().ToArray(), array.Origin),
        _ => new PyBoundMethod(array, name),
    };

    private PyValue ArrayMethod(PyArray array, string name, List<Arg> args, CallExpr call)
    {
        if (ShapePreservingMethods.Contains(name))
        {
            return array;
        }

        switch (name)
        {
            case "flatten" or "ravel":
                return new PyArray([array.Size], array.Origin);
            case "reshape":
            {
                var values = args.Where(a => a.Keyword is null).Select(a => a.Value).ToList();
                if (values.Count == 1 && values[0] is PyTuple or PyList)
                {
                    values = Iterate(values[0], call).ToList();
                }

                if (values.Count == 0 || !values.All(v => v is PyInt))
                {
                    return Unknown(call, "reshape to a shape the importer does not know");
                }

                var dims = values.Select(v => ((PyInt)v).Value).ToArray();
                int free = Array.IndexOf(dims, -1);
                long known = dims.Where(d => d != -1).Aggregate(1L, (a, d) => a * d);
                if (free >= 0 && known > 0)
                {
                    dims[free] = array.Size / known;
                }

                return dims.All(d => d >= 0) && dims.Aggregate(1L, (a, d) => a * d) == array.Size
                    ? new PyArray(dims, array.Origin)
                    : Unknown(call, $"cannot reshape an array of shape ({string.Join(", ", array.Shape)}) to ({string.Join(", ", dims)})");
            }

            default:
                return Unknown(call, $"calls {Text(call.Function)}(...)");
        }
    }

    private PyValue ArraySubscript(PyArray array, PyValue index, Node at)
    {
        switch (index)
        {
            case PyInt when array.Shape.Length > 0:
                return new PyArray(array.Shape[1..], array.Origin);
            case PySlice slice when array.Shape.Length > 0 && SliceIndices(slice, (int)Math.Min(array.Shape[0], int.MaxValue)) is { } picked:
                return new PyArray([picked.Count, .. array.Shape[1..]], array.Origin);
            default:
                return Unknown(at, "indexes an array in a way the importer does not evaluate");
        }
    }

    /// <summary>Elementwise arithmetic keeps the shape (array with scalar, or two arrays of one shape).</summary>
    private static PyValue? ArrayArithmetic(PyValue left, PyValue right)
    {
        return (left, right) switch
        {
            (PyArray a, PyInt or PyFloat or PyBool) => a,
            (PyInt or PyFloat or PyBool, PyArray b) => b,
            (PyArray a, PyArray b) when a.Shape.SequenceEqual(b.Shape) => a,
            _ => null,
        };
    }
}
