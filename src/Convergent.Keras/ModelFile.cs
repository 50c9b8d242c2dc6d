using Convergent.Nn;

namespace Convergent.Keras;

public static partial class ModelFile
{
    public static void Save(Model model, string path) => throw new InvalidOperationException("todo");
    public static void SaveWeights(Model model, string path) => throw new InvalidOperationException("todo");
}
