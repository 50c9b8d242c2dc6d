using Convergent.Data;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Keras;

public static partial class ModelFile
{
    /// <summary>Saves the weights as a numpy <c>.npz</c> archive, one array per weight named as the weight
    /// (<c>dense/kernel</c>, <c>conv2d/bias</c>, <c>batch_normalization/moving_mean</c>), in the model's weight order;
    /// <c>numpy.load(path)["dense/kernel"]</c> reads one back. Written atomically.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    public static void SaveWeights(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!model.Built)
        {
            throw new InvalidOperationException($"Model '{model.Name}' is not built: build it (or fit it) before saving its weights.");
        }

        var arrays = model.Weights.Select(w => new KeyValuePair<string, NpyArray>(w.Name, NpyArray.FromTensor(w.Value))).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        Npz.Write(path, arrays);
    }

    /// <summary>Loads weights saved by <see cref="SaveWeights"/> (or by numpy, <c>np.savez(path, **arrays)</c>) into a
    /// built model: by name when every weight's name is in the archive, otherwise by order when the archive has
    /// exactly the model's number of arrays with the same shapes.</summary>
    /// <exception cref="InvalidOperationException">The model is not built.</exception>
    /// <exception cref="ModelFileException">The file is not a valid npz, or its arrays do not fit the model (the
    /// message names the array).</exception>
    public static void LoadWeights(Model model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!model.Built)
        {
            throw new InvalidOperationException($"Model '{model.Name}' is not built: build it before loading weights.");
        }

        OrderedDictionary<string, NpyArray> arrays;
        try
        {
            arrays = Npz.Read(path);
        }
        catch (DataFormatException e)
        {
            throw new ModelFileException(path, null, e.Field, e.Reason, e);
        }

        AssignWeights(model, arrays, path, null, allowByOrder: true);
    }

    /// <summary>Sets every weight of <paramref name="model"/> from <paramref name="arrays"/>, checking names, shapes
    /// and that nothing is left over, before changing any weight.</summary>
    private static void AssignWeights(Model model, OrderedDictionary<string, NpyArray> arrays, string path, string? member, bool allowByOrder)
    {
        var weights = model.Weights.ToList();
        var values = new List<Tensor>(weights.Count);
        var missing = weights.FirstOrDefault(w => !arrays.ContainsKey(w.Name));
        if (missing is null)
        {
            foreach (var w in weights)
            {
                values.Add(Checked(arrays[w.Name], w, w.Name));
            }

            var extra = arrays.Keys.FirstOrDefault(k => weights.All(w => w.Name != k));
            if (extra is not null)
            {
                throw new ModelFileException(path, member, extra, $"is not a weight of model '{model.Name}' (its weights: {string.Join(", ", weights.Select(w => w.Name))})");
            }
        }
        else if (allowByOrder && arrays.Count == weights.Count &&
                 weights.Select((w, i) => arrays.GetAt(i).Value.Shape.AsSpan().SequenceEqual(w.Shape.AsSpan())).All(x => x))
        {
            for (int i = 0; i < weights.Count; i++)
            {
                values.Add(Checked(arrays.GetAt(i).Value, weights[i], arrays.GetAt(i).Key));
            }
        }
        else
        {
            throw new ModelFileException(path, member, missing.Name,
                $"missing: model '{model.Name}' has this weight but the archive does not (the archive has: {string.Join(", ", arrays.Keys.Take(8))}{(arrays.Count > 8 ? ", …" : "")})");
        }

        model.SetWeights(values);

        Tensor Checked(NpyArray array, Variable w, string name)
        {
            if (!array.Shape.AsSpan().SequenceEqual(w.Shape.AsSpan()))
            {
                throw new ModelFileException(path, member, name, $"shape {Shape.Format(array.Shape)} but the model's weight '{w.Name}' has shape {w.Shape}");
            }

            if (array.DType is not (NpyDType.Float32 or NpyDType.Float64 or NpyDType.Float16))
            {
                throw new ModelFileException(path, member, name, $"holds {array.DType} values; weights are floating point");
            }

            return array.ToTensor(model.DType);
        }
    }
}
