namespace Convergent.Keras;

/// <summary>What a <see cref="KerasObjectSpec"/> is; also the Keras module it lives in
/// (<c>keras.optimizers</c>, <c>keras.initializers</c> ...).</summary>
public enum KerasObjectKind
{
    /// <summary><c>keras.optimizers</c>: SGD, Adam, RMSprop ...</summary>
    Optimizer,

    /// <summary><c>keras.optimizers.schedules</c>: ExponentialDecay, InverseTimeDecay ...</summary>
    LearningRateSchedule,

    /// <summary><c>keras.losses</c>: CategoricalCrossentropy ...</summary>
    Loss,

    /// <summary><c>keras.metrics</c>: Accuracy, AUC ...</summary>
    Metric,

    /// <summary><c>keras.initializers</c>: HeNormal, GlorotUniform ...</summary>
    Initializer,

    /// <summary><c>keras.regularizers</c>: L1, L2, L1L2.</summary>
    Regularizer,

    /// <summary><c>keras.constraints</c>: MaxNorm, NonNeg, UnitNorm, MinMaxNorm.</summary>
    Constraint,

    /// <summary><c>keras.callbacks</c>: EarlyStopping, ModelCheckpoint ...</summary>
    Callback,
}
