using Convergent.Keras.Catalog;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    /// <summary>Picks the model the script trains and assembles the spec with everything the user should know.</summary>
    private KerasModelSpec Finish()
    {
        var candidates = _models.Where(m => m.AbsorbedInto is null && m.Layers.Count > 0).ToList();
        if (candidates.Count == 0)
        {
            var builder = _functions.FirstOrDefault(f => !f.Called && FindModelCall(f.Definition.Body, f.Closure) is not null);
            if (builder is not null)
            {
                throw new KerasImportException(_file, builder.Definition.Span.Line, builder.Definition.Span.Column,
                    Firstline(builder.Definition.Span.TextIn(_source)),
                    $"the model is built inside function '{builder.Definition.Name}', which the script never calls",
                    $"call it at the top level, e.g. model = {builder.Definition.Name}()");
            }

            var empty = _models.FirstOrDefault(m => m.AbsorbedInto is null);
            if (empty is not null)
            {
                throw new KerasImportException(_file, empty.Source.Line, empty.Source.Column, empty.Source.Text,
                    "the model has no layers", "add layers with model.add(...) or Sequential([...])");
            }

            throw new KerasImportException(_file, 1, 1, "",
                "no Keras model found: the script does not create a Sequential model (or a functional keras.Model with one input and output) at the top level",
                "supported: model = Sequential([...]) or model.add(...), keras.Model(inputs, outputs)");
        }

        var primary = candidates.FirstOrDefault(m => m.Fit is not null)
                      ?? candidates.LastOrDefault(m => m.Compile is not null)
                      ?? candidates[^1];
        foreach (var other in candidates.Where(m => m != primary))
        {
            _warnings.Add(new KerasImportWarning(other.Source,
                $"another model ({other.Layers.Count} layers) is defined here and not imported; the importer keeps the model " +
                $"{(primary.Fit is not null ? "that is trained" : "compiled or defined last")} (line {primary.Source.Line})"));
        }

        foreach (var layer in _layers.Where(l => l.UsedBy is not PyModel))
        {
            _warnings.Add(new KerasImportWarning(layer.Source,
                $"{layer.Layer.Definition.ClassName} layer is created but never added to the model"));
        }

        foreach (var function in _functions.Where(f => !f.Called && FindModelCall(f.Definition.Body, f.Closure) is not null))
        {
            _warnings.Add(new KerasImportWarning(Ref(function.Definition.Span),
                $"function '{function.Definition.Name}' builds Keras layers or models but is never called"));
        }

        if (primary.Compile is null)
        {
            _warnings.Add(new KerasImportWarning(primary.Source, "the model is never compiled (no optimizer or loss in the script)"));
        }

        if (primary.Fit is null)
        {
            _warnings.Add(new KerasImportWarning(primary.Source, "the model is never trained (no fit call in the script)"));
        }
        else if (primary.FitCalls > 1)
        {
            _warnings.Add(new KerasImportWarning(primary.Fit.Source,
                $"fit ran {primary.FitCalls} times (e.g. in a loop over epochs); only its arguments are imported, once"));
        }

        var layers = primary.Layers.Select(l => l.ToSpec()).ToList();
        var dataFormat = ChooseDataFormat(layers, primary.InputShape);
        return new KerasModelSpec
        {
            SourceFile = _file,
            SourceKind = ModelSourceKind.PythonScript,
            Name = primary.Name,
            Layers = layers,
            InputShape = primary.InputShape,
            InputBatchSize = primary.InputBatchSize,
            InputDType = primary.InputDType,
            ImageDataFormat = dataFormat,
            Compile = primary.Compile,
            Fit = primary.Fit,
            Skipped = _skipped.OrderBy(s => s.Line).ToList(),
            Warnings = Deduplicate(_warnings),
            UsesKeras1Spelling = _keras1,
        };
    }

    private static string Firstline(string text)
    {
        int nl = text.IndexOf('\n');
        return nl < 0 ? text : text[..nl];
    }

    private DataFormatChoice ChooseDataFormat(List<LayerSpec> layers, int?[]? inputShape)
    {
        var result = DataFormatRules.Choose(layers, inputShape, _globalDataFormat?.Format, _globalDataFormat?.Origin, _file);
        if (result.Warning is not null)
        {
            _warnings.Add(new KerasImportWarning(null, result.Warning));
        }

        return result.Choice;
    }

    internal static List<KerasImportWarning> Deduplicate(List<KerasImportWarning> warnings)
    {
        var seen = new HashSet<(int, int, string)>();
        return warnings.Where(w => seen.Add((w.Source?.Line ?? 0, w.Source?.Column ?? 0, w.Message))).ToList();
    }
}
