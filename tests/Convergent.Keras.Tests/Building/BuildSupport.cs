using Convergent.Nn;
using Convergent.Tensors;
using static Convergent.Keras.Tests.Support.CorpusFiles;

namespace Convergent.Keras.Tests.Building;

/// <summary>Builds corpus scripts and checks layers against a table of what Keras's <c>model.summary()</c> shows.</summary>
internal static class BuildSupport
{
    /// <summary>One summary row: class name, output shape without the batch axis, parameter count.</summary>
    public readonly record struct Row(string Type, int[] Output, long Params);

    public static Row L(string type, int[] output, long parameters = 0) => new(type, output, parameters);

    public static ImportedModel Build(string corpusFile, Shape? data = null, KerasBuildOptions? options = null) =>
        KerasModelBuilder.Build(Read(corpusFile), data, options);

    public static ImportedModel BuildSource(string source, Shape? data = null, string file = "model.py") =>
        KerasModelBuilder.Build(KerasScriptReader.Read(source, file), data);

    /// <summary>Asserts the layers row by row, then the total.</summary>
    public static void AssertSummary(Model model, params Row[] rows)
    {
        Assert.Equal(rows.Select(r => r.Type), model.Layers.Select(l => l.ClassName));
        for (int i = 0; i < rows.Length; i++)
        {
            var layer = model.Layers[i];
            Assert.True(new Shape(rows[i].Output).Equals(layer.OutputShape),
                $"layer {i} '{layer.Name}' ({layer.ClassName}): output {layer.OutputShape}, expected {Shape.Format(rows[i].Output)}");
            Assert.True(rows[i].Params == layer.ParameterCount,
                $"layer {i} '{layer.Name}' ({layer.ClassName}): {layer.ParameterCount} parameters, expected {rows[i].Params}");
        }

        Assert.Equal(rows.Sum(r => r.Params), model.ParameterCount);
    }

    /// <summary>The 1-based line of the first line of <paramref name="corpusFile"/> containing <paramref name="text"/>.</summary>
    public static int LineOf(string corpusFile, string text) =>
        Array.FindIndex(File.ReadAllLines(PathOf(corpusFile)), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
