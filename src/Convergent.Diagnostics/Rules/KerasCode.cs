using System.Globalization;

namespace Convergent.Diagnostics;

/// <summary>Helpers that phrase fixes as Keras (Python) code with the run's own numbers.</summary>
public static class KerasCode
{
    /// <summary>A number as a Keras user writes it: <c>1e-4</c>, <c>5e-4</c>, <c>0.01</c>, <c>0.5</c>, <c>3</c>.</summary>
    public static string Number(double v)
    {
        if (v == 0) return "0";
        if (v == Math.Floor(v) && Math.Abs(v) < 1e6) return v.ToString("0", CultureInfo.InvariantCulture);
        double a = Math.Abs(v);
        if (a >= 0.01) return v.ToString("0.###", CultureInfo.InvariantCulture);
        int exp = (int)Math.Floor(Math.Log10(a));
        double mant = Math.Round(v / Math.Pow(10, exp), 1);
        string m = mant == Math.Floor(mant) ? mant.ToString("0", CultureInfo.InvariantCulture) : mant.ToString("0.#", CultureInfo.InvariantCulture);
        return $"{m}e{exp}";
    }

    /// <summary>The Keras class of an optimizer name (<c>adam</c> → <c>Adam</c>); Adam when unknown.</summary>
    public static string OptimizerClass(string? name) => (name ?? "adam").ToLowerInvariant() switch
    {
        "sgd" => "SGD",
        "rmsprop" => "RMSprop",
        "adagrad" => "Adagrad",
        "adadelta" => "Adadelta",
        "adamax" => "Adamax",
        "nadam" => "Nadam",
        "adamw" => "AdamW",
        "ftrl" => "Ftrl",
        "lion" => "Lion",
        _ => "Adam",
    };

    /// <summary><c>optimizer=keras.optimizers.Adam(learning_rate=1e-4)</c> for the run's optimizer and a new rate.</summary>
    public static string Optimizer(string? name, double learningRate, string? extra = null) =>
        $"optimizer=keras.optimizers.{OptimizerClass(name)}(learning_rate={Number(learningRate)}{(extra is null ? "" : ", " + extra)})";

    /// <summary>The learning rate to suggest: the run's divided (or multiplied) by <paramref name="factor"/>, or Keras's
    /// default for the optimizer (1e-3 for Adam/RMSprop, 1e-2 for SGD) when unknown.</summary>
    public static double ScaledLearningRate(TrainingFacts t, double factor)
    {
        double lr = t.LearningRate is double x && x > 0 ? x : (t.Optimizer?.ToLowerInvariant() == "sgd" ? 0.01 : 0.001);
        return lr * factor;
    }

    /// <summary>The early-stopping callback Keras users know.</summary>
    public const string EarlyStopping = "callbacks=[keras.callbacks.EarlyStopping(monitor=\"val_loss\", patience=5, restore_best_weights=True)]";

    /// <summary>Shuffling arrays before fit, so the tail split of <c>validation_split</c> is a random sample.</summary>
    public const string ShuffleArrays = "idx = np.random.permutation(len(x)); x, y = x[idx], y[idx]  # before fit(validation_split=…)";
}
