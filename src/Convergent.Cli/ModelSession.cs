using System.Globalization;
using Convergent.Data;
using Convergent.Diagnostics;
using Convergent.Keras;
using Convergent.Nn;
using Convergent.Tensors;

namespace Convergent.Cli;

/// <summary>Command-line overrides of the script's compile/fit arguments (null: keep the script's).</summary>
internal sealed record Overrides(int? Epochs = null, int? BatchSize = null, string? Optimizer = null, double? LearningRate = null,
    string? Loss = null, double? ValidationSplit = null);

/// <summary>
/// What <c>doctor</c> and <c>check</c> share: reading MODEL (script, JSON or .keras), applying the option overrides
/// through the Keras name registry, loading DATA, shaping the labels as the script does, building a fresh compiled
/// model per call, and the fit settings with the import notes that explain every choice.
/// </summary>
internal sealed class ModelSession
{
    private static readonly string[] OptimizerNames = ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam"];

    public required string ModelPath { get; init; }
    public required KerasModelSpec Spec { get; init; }
    public required int Seed { get; init; }
    public Dataset? Data { get; private set; }
    public Tensor? X { get; private set; }
    public Tensor? Y { get; private set; }
    public List<string> Notes { get; } = [];

    /// <summary>Reads MODEL by its extension; a missing file or an unknown extension is bad input.</summary>
    public static ModelSession Open(string path, Overrides overrides, int seed)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file (expected a Keras script .py, a model JSON .json or a .keras archive)");
        string ext = Path.GetExtension(path).ToLowerInvariant();
        var spec = ext switch
        {
            ".py" => KerasScriptReader.ReadFile(path),
            ".json" => KerasJsonReader.ReadFile(path),
            ".keras" => ReadArchive(path),
            _ => throw new ArgumentException($"{path}: unsupported model file type '{ext}' (expected .py, .json or .keras)"),
        };
        var session = new ModelSession { ModelPath = path, Spec = ApplyOverrides(spec, overrides, path), Seed = seed };
        return session;
    }

    private static KerasModelSpec ReadArchive(string path)
    {
        using var s = File.OpenRead(path);
        return KerasJsonReader.ReadArchive(s, path);
    }

    /// <summary>Loads DATA and shapes the labels: integer labels become one-hot only where the script itself does it
    /// (<c>to_categorical</c>) and the loss is a one-hot loss; everything else is passed as given, so the doctor can
    /// report a label/loss mismatch instead of the import hiding it.</summary>
    public void LoadData(string spec, string? target)
    {
        var ds = DataSource.Load(spec, target, Seed);
        Data = ds;
        X = ds.XTrain;
        Y = ds.YTrain;
        string? loss = Spec.Compile?.Loss;
        bool oneHotLoss = loss is not null && !loss.Contains("sparse", StringComparison.OrdinalIgnoreCase)
            && loss.Contains("categorical", StringComparison.OrdinalIgnoreCase);
        if (oneHotLoss && Y.Rank == 1 && ScriptOneHots())
        {
            int classes = ds.ClassNames?.Count ?? (int)Math.Round(Y.ToDoubleArray().Max()) + 1;
            Y = OneHot(Y, classes);
            Notes.Add($"labels: {ds.Name}'s integer labels one-hot encoded into {classes} columns, as the script does with to_categorical");
        }
        Notes.Add($"data: {ds.Description}; x {X.Shape}, y {Y.Shape}");
    }

    private bool ScriptOneHots()
    {
        if (Spec.SourceKind != ModelSourceKind.PythonScript || !File.Exists(ModelPath)) return false;
        return File.ReadAllText(ModelPath).Contains("to_categorical", StringComparison.Ordinal);
    }

    private static Tensor OneHot(Tensor y, int classes)
    {
        var labels = y.ToDoubleArray();
        var data = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            int c = (int)labels[i];
            if (c >= 0 && c < classes) data[i * classes + c] = 1f;
        }
        return Tensor.FromArray(data, labels.Length, classes);
    }

    /// <summary>Builds a fresh compiled model for the data's feature shape (or the script's input shape).</summary>
    public ImportedModel Build() => Build(Spec);

    /// <summary>Builds a fresh compiled model from <paramref name="spec"/> (e.g. the script's spec with a fix written in).</summary>
    public ImportedModel Build(KerasModelSpec spec)
    {
        Shape? feature = X is null ? null : new Shape(X.Shape.ToArray()[1..]);
        return KerasModelBuilder.Build(spec, feature, new KerasBuildOptions { Seed = Seed });
    }

    /// <summary>The fit settings: the script's, then the options, then Keras's defaults (each noted).</summary>
    public FitSettings Fit(ImportedModel imported, Overrides o, int verbose)
    {
        var t = imported.Training;
        int epochs = o.Epochs ?? t.Epochs.Value;
        int batch = o.BatchSize ?? t.BatchSize.Value;
        double split = o.ValidationSplit ?? t.ValidationSplit.Value;
        if (o.Epochs is not null) Notes.Add($"epochs: {epochs} (--epochs; the script says {t.Epochs})");
        if (o.BatchSize is not null) Notes.Add($"batch size: {batch} (--batch-size; the script says {t.BatchSize})");
        if (o.ValidationSplit is not null) Notes.Add($"validation split: {split} (--validation-split; the script says {t.ValidationSplit})");
        (Tensor, Tensor)? validation = null;
        if (o.ValidationSplit is null && Spec.Fit?.ValidationDataSource is string vsrc && X is not null && Y is not null)
        {
            string Norm(string s) => new(s.Where(c => !char.IsWhiteSpace(c) && c != '(' && c != ')' && c != '[' && c != ']').ToArray());
            bool same = Spec.Fit.XSource is not null && Spec.Fit.YSource is not null && Norm(vsrc) == Norm(Spec.Fit.XSource + "," + Spec.Fit.YSource);
            if (same)
            {
                validation = (X, Y);
                Notes.Add($"validation: validation_data={vsrc} is the training data itself, as in the script");
            }
            else if (Data?.XTest is not null && Data.YTest is not null)
            {
                var yv = Data.YTest;
                if (Y.Rank == 2 && yv.Rank == 1) yv = OneHot(yv, Y.Shape[1]);
                validation = (Data.XTest, yv);
                Notes.Add($"validation: validation_data={vsrc} taken from the data's validation/test arrays ({Data.XTest.Shape[0]} samples)");
            }
            else
            {
                Notes.Add($"validation: validation_data={vsrc} is not available from DATA; training runs without validation (use --validation-split)");
            }
        }
        if (split < 0 || split >= 1) throw new ArgumentException($"--validation-split must be in [0, 1). Received: {split.ToString(CultureInfo.InvariantCulture)}");
        if (epochs < 1) throw new ArgumentException($"--epochs must be at least 1. Received: {epochs}");
        if (batch < 1) throw new ArgumentException($"--batch-size must be at least 1. Received: {batch}");
        return new FitSettings
        {
            Epochs = epochs,
            BatchSize = batch,
            ValidationSplit = validation is null ? split : 0,
            ValidationData = validation,
            Shuffle = t.Shuffle.Value,
            Verbose = verbose,
            ClassWeight = t.ClassWeight.Value,
            Callbacks = t.Callbacks,
        };
    }

    private static KerasModelSpec ApplyOverrides(KerasModelSpec spec, Overrides o, string path)
    {
        if (o.Optimizer is null && o.LearningRate is null && o.Loss is null) return spec;
        var compile = spec.Compile ?? new CompileSpec(null, null, null, KerasConfig.Empty, [], new SourceRef(path, 0, 0, ""));
        if (o.Loss is not null)
        {
            if (!KerasRegistry.SupportedLosses.Contains(o.Loss))
                throw new ArgumentException($"--loss: unknown loss '{o.Loss}'. Supported: {string.Join(", ", KerasRegistry.SupportedLosses.Order())}");
            compile = compile with { Loss = o.Loss, FromLogits = null, LossConfig = KerasConfig.Empty };
        }
        if (o.LearningRate is double lr && (!(lr > 0) || double.IsInfinity(lr)))
            throw new ArgumentException($"--lr must be a positive number. Received: {lr.ToString(CultureInfo.InvariantCulture)}");
        if (o.Optimizer is not null)
        {
            string? name = OptimizerNames.FirstOrDefault(n => string.Equals(n, o.Optimizer, StringComparison.OrdinalIgnoreCase));
            if (name is null)
                throw new ArgumentException($"--optimizer: unknown optimizer '{o.Optimizer}'. Supported: {string.Join(", ", OptimizerNames.Select(n => n.ToLowerInvariant()))}");
            var config = o.LearningRate is double l ? KerasConfig.Of(("learning_rate", new KerasFloat(l))) : KerasConfig.Empty;
            compile = compile with { Optimizer = new KerasObjectSpec(KerasObjectKind.Optimizer, name, config) };
        }
        else if (o.LearningRate is double l)
        {
            var opt = compile.Optimizer ?? new KerasObjectSpec(KerasObjectKind.Optimizer, "RMSprop", KerasConfig.Empty);
            var entries = opt.Config.Where(kv => kv.Key is not ("lr" or "learning_rate")).Append(new("learning_rate", new KerasFloat(l)));
            compile = compile with { Optimizer = opt with { Config = new KerasConfig(entries) } };
        }
        return spec with { Compile = compile };
    }
}
