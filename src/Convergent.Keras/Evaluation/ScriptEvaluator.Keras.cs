using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Evaluation;

internal sealed partial class ScriptEvaluator
{
    private PyValue CallKeras(PyKerasSymbol symbol, List<Arg> args, CallExpr call)
    {
        switch (symbol.Category)
        {
            case SymbolCategory.Layer:
                return symbol.Name == "InputLayer" ? MakeInput(args, call, isLayer: true) : MakeLayer(symbol, args, call);
            case SymbolCategory.ModelApi:
                return symbol.Name switch
                {
                    "Sequential" => MakeSequential(args, call),
                    "Input" => MakeInput(args, call, isLayer: false),
                    "Model" or "Functional" => MakeFunctionalModel(args, call),
                    _ => throw Error(call, $"{symbol.Written}(...) is not supported",
                        "the importer reads models defined in the script; to import a saved model, give the importer its .keras or JSON file"),
                };
            case SymbolCategory.Activation:
                return Unknown(call, $"calls {symbol.Written}(...)");
            case SymbolCategory.Backend:
                return CallBackend(symbol, args, call);
            case SymbolCategory.Application:
                throw Error(call, $"pretrained application model '{symbol.Name}' is not supported",
                    "supported layers: " + LayerCatalog.SupportedNames);
            default:
            {
                var kind = KerasModules.ObjectKind(symbol.Category)!.Value;
                if (kind is KerasObjectKind.Loss or KerasObjectKind.Metric && ObjectCatalog.Find(kind, symbol.Name) is null &&
                    (KerasNames.Losses.ContainsKey(symbol.Name) || KerasNames.Metrics.ContainsKey(symbol.Name)))
                {
                    // A loss or metric function applied to tensors (inside a custom loss): not a definition.
                    return Unknown(call, $"calls {symbol.Written}(...)");
                }

                var ctx = Context(call.Span);
                var spec = ObjectCatalog.Normalize(kind, symbol.Name, ConvertArgs(args, symbol.Name), ctx);
                Absorb(ctx);
                _effects++;
                return new PyKerasObject(spec, Ref(call));
            }
        }
    }

    private List<CallArgument> ConvertArgs(List<Arg> args, string owner) =>
        args.Select(a => new CallArgument(a.Keyword,
            ToKeras(a.Value, a.Node.Value.Span, a.Keyword is null ? $"argument of {owner}" : $"{owner} argument '{a.Keyword}'"),
            Site(a.Node.Span))).ToList();

    private PyValue MakeLayer(PyKerasSymbol symbol, List<Arg> args, CallExpr call)
    {
        var ctx = Context(call.Span);
        if (LayerCatalog.Find(symbol.Name) is null)
        {
            // Fail on the class before its arguments: "unsupported layer 'LSTM'" is the useful message even
            // when an argument is also unknown.
            LayerNormalizer.Normalize(symbol.Name, [], ctx);
        }

        if (args.FirstOrDefault(a => a.Keyword == "weights") is { } weights)
        {
            throw Error(weights.Node.Span, $"{symbol.Name}: initial weights given in the script are not supported",
                "remove weights=... (the importer builds freshly initialized layers)");
        }

        var normalized = LayerNormalizer.Normalize(symbol.Name, ConvertArgs(args, symbol.Name), ctx);
        Absorb(ctx);
        var layer = new PyLayer(normalized, Ref(call));
        _layers.Add(layer);
        _effects++;
        return layer;
    }

    /// <summary><c>keras.Input(shape=...)</c> (Keras 1-3 spellings) or <c>InputLayer(input_shape=...)</c>.</summary>
    private PyValue MakeInput(List<Arg> args, CallExpr call, bool isLayer)
    {
        string owner = isLayer ? "InputLayer" : "Input";
        var ctx = Context(call.Span);
        int?[]? shape = null;
        int? batch = null;
        string? dtype = null;
        var positional = args.Where(a => a.Keyword is null).ToList();
        if (positional.Count > 2)
        {
            throw Error(positional[2].Node.Span, $"{owner} takes at most 2 positional arguments (shape, batch_size)");
        }

        var named = positional.Select((a, i) => (Name: i == 0 ? "shape" : "batch_size", a))
            .Concat(args.Where(a => a.Keyword is not null).Select(a => (Name: a.Keyword!, a)));
        foreach (var (name, arg) in named)
        {
            var site = Site(arg.Node.Span);
            var value = ToKeras(arg.Value, arg.Node.Value.Span, $"{owner} argument '{name}'");
            switch (name)
            {
                case "shape":
                case "input_shape":
                    shape = LayerNormalizer.ReadShape(value, site, ctx, owner, name, dropBatch: false, out _);
                    break;
                case "batch_shape":
                case "batch_input_shape":
                    shape = LayerNormalizer.ReadShape(value, site, ctx, owner, name, dropBatch: true, out batch);
                    break;
                case "batch_size":
                    batch = value is KerasNone ? null
                        : (int)((KerasInt)ValueNormalizer.Normalize(new ArgSpec(name, ArgKind.PositiveInt), 0, value, site, ctx, owner)).Value;
                    break;
                case "dtype":
                    dtype = value is KerasString s && s.Value != "float32" ? s.Value : null;
                    break;
                case "name":
                    Warn(arg.Node.Span, $"{owner} name={value.ToPython()} ignored");
                    break;
                case "sparse" or "ragged" or "optional":
                    if (value is KerasBool { Value: true })
                    {
                        throw Error(arg.Node.Span, $"{owner}({name}=True) is not supported", "inputs are dense float tensors");
                    }

                    break;
                case "tensor" or "input_tensor" or "type_spec":
                    throw Error(arg.Node.Span, $"{owner}({name}=...) is not supported");
                default:
                    throw Error(arg.Node.Span, $"unknown argument '{name}' for {owner}",
                        $"{owner} takes: shape, batch_size, dtype, batch_shape, name");
            }
        }

        if (shape is null)
        {
            throw Error(call, $"{owner} needs a shape", $"{owner}(shape=(28, 28, 1))");
        }

        _effects++;
        return new PyInput(shape, batch, dtype, Ref(call));
    }

    private PyValue MakeSequential(List<Arg> args, CallExpr call)
    {
        var model = new PyModel(Ref(call));
        _models.Add(model);
        _effects++;
        var positional = args.Where(a => a.Keyword is null).ToList();
        if (positional.Count > 2)
        {
            throw Error(positional[2].Node.Span, "Sequential takes at most 2 positional arguments (layers, name)");
        }

        var named = positional.Select((a, i) => (Name: i == 0 ? "layers" : "name", a))
            .Concat(args.Where(a => a.Keyword is not null).Select(a => (Name: a.Keyword!, a)));
        foreach (var (name, arg) in named)
        {
            switch (name)
            {
                case "layers":
                    AddAll(model, arg);
                    break;
                case "name":
                    model.Name = ToKeras(arg.Value, arg.Node.Value.Span, "Sequential name") is KerasString s ? s.Value : null;
                    break;
                case "trainable":
                    if (arg.Value is not PyBool { Value: true })
                    {
                        Warn(arg.Node.Span, "Sequential(trainable=...) is not imported");
                    }

                    break;
                default:
                    throw Error(arg.Node.Span, $"unknown argument '{name}' for Sequential", "Sequential takes: layers, name");
            }
        }

        return model;
    }

    private void AddAll(PyModel model, Arg arg)
    {
        if (arg.Value is PyNone)
        {
            return;
        }

        if (arg.Value is not (PyList or PyTuple))
        {
            throw PyValues.IsUnknown(arg.Value)
                ? UnknownError(arg.Value, arg.Node.Value.Span, "the layers of Sequential")
                : Error(arg.Node.Span, $"Sequential expects a list of layers, got {arg.Value.TypeName}");
        }

        var items = Iterate(arg.Value, arg.Node.Value).ToList();
        var itemSpans = arg.Node.Value is ListExpr list && list.Items.Count == items.Count && list.Items.All(i => i is not StarredExpr)
            ? list.Items.Select(i => i.Span).ToList()
            : null;
        for (int i = 0; i < items.Count; i++)
        {
            AddToModel(model, items[i], itemSpans?[i] ?? arg.Node.Span);
        }
    }

    private void AddToModel(PyModel model, PyValue item, SourceSpan at)
    {
        switch (item)
        {
            case PyInput input:
                if (model.Layers.Count > 0 || model.InputShape is not null)
                {
                    throw Error(at, "an Input must be the first element of a Sequential model");
                }

                model.InputShape = input.Shape;
                model.InputBatchSize = input.BatchSize;
                model.InputDType = input.DType;
                input.UsedInSequential = true;
                return;
            case PyLayer layer:
                if (layer.UsedBy is not null)
                {
                    throw Error(at, $"the same {layer.Layer.Definition.ClassName} layer (created at line {layer.Source.Line}) is used twice",
                        "shared layers (the same weights in two places) are not supported; create a new layer");
                }

                layer.UsedBy = model;
                if (model.Layers.Count == 0 && model.InputShape is null && layer.Layer.InputShape is not null)
                {
                    model.InputShape = layer.Layer.InputShape;
                    model.InputBatchSize = layer.Layer.InputBatchSize;
                    model.InputDType = layer.Layer.InputDType;
                }
                else if (layer.Layer.InputShape is not null)
                {
                    Warn(at, $"input_shape on {layer.Layer.Definition.ClassName}, which is not the first layer, is ignored by Keras");
                }

                model.Layers.Add(layer);
                return;
            case PyModel nested when !ReferenceEquals(nested, model):
                Warn(at, $"nested Sequential model (line {nested.Source.Line}) flattened into this model");
                if (model.Layers.Count == 0 && model.InputShape is null)
                {
                    model.InputShape = nested.InputShape;
                    model.InputBatchSize = nested.InputBatchSize;
                }

                foreach (var layer in nested.Layers)
                {
                    layer.UsedBy = model;
                    model.Layers.Add(layer);
                }

                nested.AbsorbedInto = model;
                return;
            case PyUnknown or PyOpaque:
                throw UnknownError(item, at, "added to the model");
            case PyKerasSymbol { Category: SymbolCategory.Layer } symbol:
                throw Error(at, $"{symbol.Written} is a layer class; call it to create a layer: {symbol.Written}(...)");
            default:
                throw Error(at, $"expected a layer, got {item.TypeName}");
        }
    }

    /// <summary>A layer called on a tensor: the functional API, supported for linear chains.</summary>
    private PyValue CallLayer(PyLayer layer, List<Arg> args, CallExpr call)
    {
        var inputs = args.Where(a => a.Keyword is null).ToList();
        if (inputs.Count != 1)
        {
            throw Error(call, $"{layer.Layer.Definition.ClassName} called with {inputs.Count} inputs; the importer supports one input per layer");
        }

        foreach (var extra in args.Where(a => a.Keyword is not null))
        {
            Warn(extra.Node.Span, $"{layer.Layer.Definition.ClassName}(...)({extra.Keyword}=...) ignored");
        }

        if (PyValues.IsUnknown(inputs[0].Value) && inputs[0].Value is not PyUnknown { NotDefined: true })
        {
            // A layer applied to data (e.g. to preview augmentation), not to a Keras tensor.
            return Unknown(call, $"applies {layer.Layer.Definition.ClassName} to data");
        }

        var parent = inputs[0].Value switch
        {
            PyTensor t => t,
            PyInput i => new PyTensor(null, null, i),
            PyList or PyTuple => throw Error(inputs[0].Node.Span, "layers with several inputs (Concatenate, Add ...) are not supported"),
            var other when PyValues.IsUnknown(other) => throw UnknownError(other, inputs[0].Node.Span, $"input of {layer.Layer.Definition.ClassName}"),
            var other => throw Error(inputs[0].Node.Span, $"expected a Keras tensor as input, got {other.TypeName}"),
        };
        if (layer.UsedBy is not null)
        {
            throw Error(call, $"the same {layer.Layer.Definition.ClassName} layer (created at line {layer.Source.Line}) is used twice",
                "shared layers are not supported; create a new layer");
        }

        var tensor = new PyTensor(parent, layer, null);
        layer.UsedBy = tensor;
        _effects++;
        return tensor;
    }

    private PyValue MakeFunctionalModel(List<Arg> args, CallExpr call)
    {
        PyValue? inputs = null;
        PyValue? outputs = null;
        string? name = null;
        var positional = args.Where(a => a.Keyword is null).ToList();
        var named = positional.Select((a, i) => (Name: i switch { 0 => "inputs", 1 => "outputs", _ => "name" }, a))
            .Concat(args.Where(a => a.Keyword is not null).Select(a => (Name: a.Keyword!, a)));
        foreach (var (key, arg) in named)
        {
            switch (key)
            {
                case "inputs" or "input":
                    inputs = Single(arg.Value, arg.Node.Span, "inputs");
                    _keras1 |= key == "input";
                    break;
                case "outputs" or "output":
                    outputs = Single(arg.Value, arg.Node.Span, "outputs");
                    _keras1 |= key == "output";
                    break;
                case "name":
                    name = ToKeras(arg.Value, arg.Node.Value.Span, "Model name") is KerasString s ? s.Value : null;
                    break;
                case "trainable":
                    break;
                default:
                    throw Error(arg.Node.Span, $"unknown argument '{key}' for Model", "Model takes: inputs, outputs, name");
            }
        }

        if (inputs is null || outputs is null)
        {
            throw Error(call, "Model needs inputs and outputs", "keras.Model(inputs=inputs, outputs=outputs)");
        }

        var input = inputs as PyInput ?? (inputs as PyTensor)?.Input ??
                    throw Error(call, $"Model inputs must come from keras.Input, got {inputs.TypeName}");
        var chain = new List<PyLayer>();
        var tensor = outputs as PyTensor ?? (outputs is PyInput ? null : throw Error(call, $"Model outputs must be a Keras tensor, got {outputs.TypeName}"));
        while (tensor is not null && tensor.Layer is not null)
        {
            chain.Add(tensor.Layer);
            tensor = tensor.Parent;
        }

        if (tensor?.Input != input && !(outputs is PyInput && outputs == input))
        {
            throw Error(call, "the model's outputs are not computed from its inputs");
        }

        chain.Reverse();
        var model = new PyModel(Ref(call)) { Name = name, InputShape = input.Shape, InputBatchSize = input.BatchSize, InputDType = input.DType };
        foreach (var layer in chain)
        {
            layer.UsedBy = model;
            model.Layers.Add(layer);
        }

        _models.Add(model);
        _effects++;
        return model;
    }

    private PyValue Single(PyValue value, SourceSpan at, string what)
    {
        if (value is PyList or PyTuple)
        {
            var items = Iterate(value, _statement!).ToList();
            if (items.Count != 1)
            {
                throw Error(at, $"models with {items.Count} {what} are not supported", "one input and one output");
            }

            return items[0];
        }

        return PyValues.IsUnknown(value) ? throw UnknownError(value, at, "model " + what) : value;
    }

    private PyValue CallModelMethod(PyModel model, string name, List<Arg> args, CallExpr call)
    {
        switch (name)
        {
            case "add":
            {
                var positional = args.Where(a => a.Keyword is null).ToList();
                if (positional.Count != 1)
                {
                    throw Error(call, $"model.add takes one layer, got {positional.Count} arguments");
                }

                AddToModel(model, positional[0].Value, positional[0].Node.Value.Span);
                _effects++;
                return PyNone.Instance;
            }

            case "pop":
                if (model.Layers.Count == 0)
                {
                    throw Error(call, "model.pop() on a model without layers");
                }

                model.Layers[^1].UsedBy = null;
                model.Layers.RemoveAt(model.Layers.Count - 1);
                _effects++;
                return PyNone.Instance;
            case "compile":
                if (model.Compile is not null)
                {
                    Warn(call.Span, $"compile called again (first at line {model.Compile.Source.Line}); the last compile is used");
                }

                model.Compile = ParseCompile(args, call);
                _effects++;
                return PyNone.Instance;
            case "fit" or "fit_generator":
            {
                var fit = ParseFit(args, call, generator: name == "fit_generator");
                model.FitCalls++;
                if (model.Fit is null)
                {
                    model.Fit = fit;
                }
                else if (model.Fit.Source.Line != fit.Source.Line || model.Fit.Source.Column != fit.Source.Column)
                {
                    Warn(call.Span, $"another fit call (the first is at line {model.Fit.Source.Line}); only the first is imported");
                }

                _effects++;
                return Unknown(call, "training history returned by fit");
            }

            case "build":
            {
                var arg = args.FirstOrDefault();
                if (arg is null)
                {
                    return PyNone.Instance;
                }

                var ctx = Context(call.Span);
                var shape = LayerNormalizer.ReadShape(ToKeras(arg.Value, arg.Node.Value.Span, "model.build input_shape"),
                    Site(arg.Node.Span), ctx, "build", "input_shape", dropBatch: true, out int? batch);
                model.InputShape ??= shape;
                model.InputBatchSize ??= batch;
                _effects++;
                return PyNone.Instance;
            }

            case "summary":
                return Unknown(call, "model.summary() prints the architecture");
            case "load_weights" or "set_weights":
                Warn(call.Span, $"model.{name}(...) loads weights, which are not imported: the model starts from fresh initial weights");
                return Unknown(call, $"model.{name}(...)");
            case "train_on_batch":
                Warn(call.Span, "a manual training loop (train_on_batch) is not imported; only model.fit is");
                return Unknown(call, "model.train_on_batch(...)");
            default:
                return Unknown(call, $"model.{name}(...) does not change the model");
        }
    }

    private PyValue CallBackend(PyKerasSymbol symbol, List<Arg> args, CallExpr call)
    {
        string? StringArg()
        {
            var first = args.FirstOrDefault();
            if (first is null)
            {
                return null;
            }

            return ToKeras(first.Value, first.Node.Value.Span, $"argument of {symbol.Written}") is KerasString s
                ? s.Value
                : throw Error(first.Node.Span, $"{symbol.Written} expects a string");
        }

        string origin = $"{Text(call)} at {_file}:{call.Span.Line}";
        switch (symbol.Name)
        {
            case "set_image_dim_ordering":
            {
                string? ordering = StringArg();
                _globalDataFormat = ordering switch
                {
                    "th" => ("channels_first", origin),
                    "tf" => ("channels_last", origin),
                    _ => throw Error(call, $"expected 'th' or 'tf', got '{ordering}'"),
                };
                _keras1 = true;
                _effects++;
                return PyNone.Instance;
            }

            case "set_image_data_format":
            {
                string? format = StringArg();
                _globalDataFormat = format is "channels_first" or "channels_last"
                    ? (format, origin)
                    : throw Error(call, $"expected 'channels_first' or 'channels_last', got '{format}'");
                _effects++;
                return PyNone.Instance;
            }

            case "image_data_format":
            case "image_dim_ordering":
            {
                string format = _globalDataFormat?.Format ?? "channels_last";
                if (_globalDataFormat is null)
                {
                    Warn(call.Span, $"{symbol.Written}() read as 'channels_last' (the Keras default; the script does not set it)");
                }

                _effects++;
                return new PyStr(symbol.Name == "image_data_format" ? format : format == "channels_first" ? "th" : "tf");
            }

            case "floatx":
                return new PyStr("float32");
            case "epsilon":
                return new PyFloat(1e-7);
            case "backend":
                return new PyStr("tensorflow");
            case "set_floatx":
                if (StringArg() is { } floatx && floatx != "float32")
                {
                    Warn(call.Span, $"{symbol.Written}('{floatx}') not imported: the engine computes in float32");
                }

                _effects++;
                return PyNone.Instance;
            default:
                return Unknown(call, $"calls {symbol.Written}(...)");
        }
    }

    /// <summary>Converts a runtime value to a <see cref="KerasValue"/> where the model needs one; unknown values
    /// are errors naming where they came from.</summary>
    private KerasValue ToKeras(PyValue value, SourceSpan at, string use, int depth = 0)
    {
        if (depth > MaxValueDepth)
        {
            throw Error(at, $"value nested more than {MaxValueDepth} levels deep ({use})");
        }

        switch (value)
        {
            case PyNone:
                return KerasValue.None;
            case PyBool b:
                return KerasValue.Of(b.Value);
            case PyInt i:
                return new KerasInt(i.Value);
            case PyFloat f:
                return new KerasFloat(f.Value);
            case PyStr s:
                return new KerasString(s.Value);
            case PyTuple t:
                return new KerasSequence(t.Items.Select(x => ToKeras(x, at, use, depth + 1)).ToArray(), isTuple: true);
            case PyList l:
                return new KerasSequence(l.Items.Select(x => ToKeras(x, at, use, depth + 1)).ToArray(), isTuple: false);
            case PyDict d:
                return new KerasDict(d.Entries.Select(e => new KeyValuePair<KerasValue, KerasValue>(
                    ToKeras(e.Key, at, use, depth + 1), ToKeras(e.Value, at, use, depth + 1))).ToList());
            case PyKerasObject o:
                return o.Spec;
            case PyKerasSymbol s when s.Category is SymbolCategory.Activation or SymbolCategory.Loss or SymbolCategory.Metric
                or SymbolCategory.Initializer or SymbolCategory.Regularizer or SymbolCategory.Constraint or SymbolCategory.Optimizer:
                return new KerasString(s.Name);
            case PyKerasSymbol s:
                throw Error(at, $"{s.Written} is a Keras {s.Category.ToString().ToLowerInvariant()} class, not a value ({use})");
            case PyFunction f:
                return new KerasExpression(f.Definition.Name);
            case PyLambda lambda:
                return new KerasExpression(lambda.Expression.Span.TextIn(_source));
            case PyUnknown or PyOpaque:
                throw UnknownError(value, at, use);
            case PyArray array:
                throw Error(at, $"the data array '{array.Origin}' (shape ({string.Join(", ", array.Shape)})) is used as a value ({use})");
            case PyLayer layer:
                throw Error(at, $"a {layer.Layer.Definition.ClassName} layer is used as a value ({use})",
                    "a layer used as an activation (activation=LeakyReLU()) is not supported: add it as its own layer after this one");
            default:
                throw Error(at, $"a {value.TypeName} is used as a value ({use})");
        }
    }

    private PyValue FromKeras(KerasValue value) => value switch
    {
        KerasNone => PyNone.Instance,
        KerasBool b => PyBool.Of(b.Value),
        KerasInt i => new PyInt(i.Value),
        KerasFloat f => new PyFloat(f.Value),
        KerasString s => new PyStr(s.Value),
        KerasSequence { IsTuple: true } t => new PyTuple(t.Items.Select(FromKeras).ToArray()),
        KerasSequence l => new PyList(l.Items.Select(FromKeras).ToList()),
        KerasDict d => new PyDict(d.Entries.Select(e => new KeyValuePair<PyValue, PyValue>(FromKeras(e.Key), FromKeras(e.Value))).ToList()),
        KerasObjectSpec o => new PyKerasObject(o, new SourceRef(_file, 0, 0, "")),
        _ => new PyUnknown(null, 0, $"binding {value.ToPython()}"),
    };
}
