namespace Convergent.Keras;

/// <summary>Which Keras a script was written for; it decides the defaults of what the script does not say
/// (optimizer learning rates and epsilons differ between them).</summary>
public enum KerasGeneration
{
    /// <summary>Keras 1.x (<c>Convolution2D</c>, <c>nb_epoch</c>, <c>border_mode</c> …): optimizer epsilon 1e-8,
    /// Adadelta learning rate 1.0, Adagrad 0.01, Adamax and Nadam 0.002.</summary>
    Keras1,

    /// <summary>Standalone Keras 2.x: as Keras 1 but epsilon from <c>K.epsilon()</c> = 1e-7.</summary>
    Keras2,

    /// <summary>Keras 3 and tf.keras 2.x: the engine's defaults.</summary>
    Keras3,
}
