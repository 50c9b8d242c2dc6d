namespace Convergent.Keras.Catalog;

/// <summary>How an argument's value is checked and normalized (see <see cref="ValueNormalizer"/>).</summary>
internal enum ArgKind
{
    /// <summary>Kept as given (no code, no unknowns).</summary>
    Any,
    PositiveInt,
    NonNegativeInt,
    Int,
    OptionalInt,
    Bool,
    Float,
    OptionalFloat,
    NonNegativeFloat,

    /// <summary>An int or a float, kept as written (schedule step counts).</summary>
    Number,

    /// <summary>A fraction in [0, 1): dropout rate, validation split.</summary>
    Fraction,
    String,
    OptionalString,

    /// <summary>An int or a tuple of <c>rank</c> ints, normalized to a tuple (<c>3</c> → <c>(3, 3)</c>).</summary>
    IntTuple,

    /// <summary>As <see cref="IntTuple"/>, or None.</summary>
    OptionalIntTuple,

    /// <summary><c>'valid'</c> or <c>'same'</c> (case-insensitive, normalized to lower case).</summary>
    Padding,

    /// <summary>As <see cref="Padding"/>, plus <c>'causal'</c> (1-D convolutions).</summary>
    PaddingCausal,

    /// <summary><c>'channels_last'</c>, <c>'channels_first'</c> or None.</summary>
    DataFormat,
    Activation,
    Initializer,
    Regularizer,
    Constraint,

    /// <summary>An int or a tuple/list of ints.</summary>
    Axis,

    /// <summary>A tuple of ints (one may be -1): <c>Reshape.target_shape</c>.</summary>
    Shape,

    /// <summary><c>ZeroPadding2D.padding</c>: int, (a, b) or ((t, b), (l, r)) → ((t, b), (l, r)).</summary>
    ZeroPadding,

    /// <summary>A float or a (lower, upper) pair: augmentation factors.</summary>
    Factor,

    /// <summary>As <see cref="Factor"/>, or None.</summary>
    OptionalFactor,

    /// <summary>A float or a learning-rate schedule object.</summary>
    LearningRate,

    /// <summary>A function (kept as <see cref="KerasExpression"/>) or a string: callback hooks.</summary>
    Function,

    /// <summary>A list or tuple of numbers: schedule boundaries and values.</summary>
    NumberList,

    /// <summary>A dtype name such as <c>'float32'</c>.</summary>
    DType,
}
