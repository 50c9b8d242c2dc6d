namespace Convergent.Keras.Catalog;

/// <summary>
/// The one registry of Keras strings: activation, initializer, loss, metric, optimizer, regularizer and
/// constraint names, each mapped from every spelling Keras 1, 2 and 3 accept to the Keras 3 snake_case name.
/// </summary>
internal static class KerasNames
{
    /// <summary>Keras 3 activation names (<c>keras.activations</c>), plus tf.nn spellings.</summary>
    public static readonly IReadOnlyDictionary<string, string> Activations = Map(
        "relu", "sigmoid", "softmax", "tanh", "linear", "elu", "selu", "softplus", "softsign", "hard_sigmoid",
        "exponential", "swish", "silu", "gelu", "leaky_relu", "relu6", "mish", "log_softmax", "hard_silu",
        "hard_swish", "softmax_v2=softmax", "log_sigmoid", "celu", "glu", "sparse_plus", "squareplus",
        "sparsemax", "hard_tanh", "tanh_shrink", "hard_shrink", "soft_shrink", "threshold");

    /// <summary>Initializer names; Keras 1 <c>'uniform'</c>/<c>'normal'</c> were U(-0.05, 0.05) and N(0, 0.05),
    /// which are Keras 3's RandomUniform/RandomNormal defaults.</summary>
    public static readonly IReadOnlyDictionary<string, string> Initializers = Map(
        "zeros", "zero=zeros", "ones", "one=ones", "constant", "random_normal", "normal=random_normal",
        "random_uniform", "uniform=random_uniform", "truncated_normal", "glorot_uniform", "glorot_normal",
        "he_normal", "he_uniform", "lecun_normal", "lecun_uniform", "orthogonal", "identity",
        "variance_scaling", "Zeros=zeros", "Ones=ones", "Constant=constant", "RandomNormal=random_normal",
        "RandomUniform=random_uniform", "TruncatedNormal=truncated_normal", "GlorotUniform=glorot_uniform",
        "GlorotNormal=glorot_normal", "HeNormal=he_normal", "HeUniform=he_uniform", "LecunNormal=lecun_normal",
        "LecunUniform=lecun_uniform", "Orthogonal=orthogonal", "Identity=identity",
        "VarianceScaling=variance_scaling");

    /// <summary>Loss names as Keras 3 function names.</summary>
    public static readonly IReadOnlyDictionary<string, string> Losses = Map(
        "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy",
        "mean_squared_error", "mse=mean_squared_error", "MSE=mean_squared_error",
        "mean_absolute_error", "mae=mean_absolute_error", "MAE=mean_absolute_error",
        "mean_absolute_percentage_error", "mape=mean_absolute_percentage_error",
        "MAPE=mean_absolute_percentage_error", "mean_squared_logarithmic_error",
        "msle=mean_squared_logarithmic_error", "MSLE=mean_squared_logarithmic_error", "hinge", "squared_hinge",
        "categorical_hinge", "kl_divergence", "kld=kl_divergence", "KLD=kl_divergence",
        "kullback_leibler_divergence=kl_divergence", "poisson", "log_cosh", "logcosh=log_cosh", "huber",
        "huber_loss=huber", "cosine_similarity", "cosine_proximity=cosine_similarity", "binary_focal_crossentropy",
        "categorical_focal_crossentropy");

    /// <summary>Loss classes and their function names.</summary>
    public static readonly IReadOnlyDictionary<string, string> LossClasses = new Dictionary<string, string>
    {
        ["CategoricalCrossentropy"] = "categorical_crossentropy",
        ["SparseCategoricalCrossentropy"] = "sparse_categorical_crossentropy",
        ["BinaryCrossentropy"] = "binary_crossentropy",
        ["BinaryFocalCrossentropy"] = "binary_focal_crossentropy",
        ["CategoricalFocalCrossentropy"] = "categorical_focal_crossentropy",
        ["MeanSquaredError"] = "mean_squared_error",
        ["MeanAbsoluteError"] = "mean_absolute_error",
        ["MeanAbsolutePercentageError"] = "mean_absolute_percentage_error",
        ["MeanSquaredLogarithmicError"] = "mean_squared_logarithmic_error",
        ["Hinge"] = "hinge",
        ["SquaredHinge"] = "squared_hinge",
        ["CategoricalHinge"] = "categorical_hinge",
        ["KLDivergence"] = "kl_divergence",
        ["Poisson"] = "poisson",
        ["LogCosh"] = "log_cosh",
        ["Huber"] = "huber",
        ["CosineSimilarity"] = "cosine_similarity",
    };

    /// <summary>Metric names; <c>'acc'</c> is Keras 1/2 shorthand for <c>'accuracy'</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Metrics = Map(
        "accuracy", "acc=accuracy", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy",
        "top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "mean_squared_error",
        "mse=mean_squared_error", "MSE=mean_squared_error", "mean_absolute_error", "mae=mean_absolute_error",
        "MAE=mean_absolute_error", "mean_absolute_percentage_error", "mape=mean_absolute_percentage_error",
        "mean_squared_logarithmic_error", "msle=mean_squared_logarithmic_error", "root_mean_squared_error",
        "categorical_crossentropy", "sparse_categorical_crossentropy", "binary_crossentropy", "hinge",
        "squared_hinge", "categorical_hinge", "kl_divergence", "kld=kl_divergence", "poisson",
        "cosine_similarity", "cosine_proximity=cosine_similarity", "log_cosh_error", "logcosh=log_cosh_error",
        "auc", "AUC=auc", "precision", "recall");

    /// <summary>Optimizer strings and their classes.</summary>
    public static readonly IReadOnlyDictionary<string, string> OptimizerStrings = new Dictionary<string, string>
    {
        ["sgd"] = "SGD",
        ["adam"] = "Adam",
        ["adamw"] = "AdamW",
        ["rmsprop"] = "RMSprop",
        ["adagrad"] = "Adagrad",
        ["adadelta"] = "Adadelta",
        ["adamax"] = "Adamax",
        ["nadam"] = "Nadam",
        ["ftrl"] = "Ftrl",
    };

    /// <summary>Regularizer strings (Keras 3 <c>regularizers.get</c> accepts these with default factors).</summary>
    public static readonly IReadOnlyDictionary<string, string> Regularizers = Map(
        "l1", "l2", "l1_l2", "l1l2=l1_l2", "L1=l1", "L2=l2", "L1L2=l1_l2", "orthogonal_regularizer");

    /// <summary>Constraint strings.</summary>
    public static readonly IReadOnlyDictionary<string, string> Constraints = Map(
        "max_norm", "maxnorm=max_norm", "MaxNorm=max_norm", "non_neg", "nonneg=non_neg", "NonNeg=non_neg",
        "unit_norm", "unitnorm=unit_norm", "UnitNorm=unit_norm", "min_max_norm", "MinMaxNorm=min_max_norm");

    /// <summary>Activation functions reachable as <c>tf.nn.X</c>, <c>tf.math.X</c> or <c>tf.X</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> TensorFlowActivations = Map(
        "relu", "relu6", "elu", "selu", "softplus", "softsign", "sigmoid", "tanh", "softmax", "log_softmax",
        "leaky_relu", "swish", "silu", "gelu");

    private static Dictionary<string, string> Map(params string[] entries)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string entry in entries)
        {
            int eq = entry.IndexOf('=');
            if (eq < 0)
            {
                map[entry] = entry;
            }
            else
            {
                map[entry[..eq]] = entry[(eq + 1)..];
            }
        }

        return map;
    }

    /// <summary>The canonical names of a registry (its values, distinct, in order), for "supported: ..." hints.</summary>
    public static string Supported(IReadOnlyDictionary<string, string> registry) =>
        string.Join(", ", registry.Values.Distinct());

    /// <summary>The candidate closest to <paramref name="name"/> within edit distance 2, for "did you mean".</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = 3;
        foreach (string candidate in candidates)
        {
            int d = EditDistance(name.ToLowerInvariant(), candidate.ToLowerInvariant(), bestDistance);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = candidate;
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b, int cap)
    {
        if (Math.Abs(a.Length - b.Length) >= cap)
        {
            return cap;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
