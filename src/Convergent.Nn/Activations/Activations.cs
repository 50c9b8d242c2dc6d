namespace Convergent.Nn;

/// <summary>
/// The built-in activations with Keras 3 defaults (Keras <c>keras.activations</c>), as shared instances; parameterized
/// variants are made with the classes' constructors (e.g. <c>new LeakyReluActivation(0.1)</c>). <see cref="Get"/> is
/// the registry of Keras activation names used for configurations.
/// </summary>
public static class Activations
{
    /// <summary>f(x) = x.</summary>
    public static Activation Linear { get; } = new LinearActivation();
    /// <summary>max(x, 0).</summary>
    public static Activation Relu { get; } = new ReluActivation();
    /// <summary>Leaky ReLU with Keras 3's default slope 0.2.</summary>
    public static Activation LeakyRelu { get; } = new LeakyReluActivation();
    /// <summary>ELU with α = 1.</summary>
    public static Activation Elu { get; } = new EluActivation();
    /// <summary>SELU.</summary>
    public static Activation Selu { get; } = new SeluActivation();
    /// <summary>Exact GELU (Keras 3 default <c>approximate=False</c>).</summary>
    public static Activation Gelu { get; } = new GeluActivation();
    /// <summary>tanh.</summary>
    public static Activation Tanh { get; } = new TanhActivation();
    /// <summary>Logistic sigmoid.</summary>
    public static Activation Sigmoid { get; } = new SigmoidActivation();
    /// <summary>Keras 3 hard sigmoid relu6(x + 3)/6.</summary>
    public static Activation HardSigmoid { get; } = new HardSigmoidActivation();
    /// <summary>Softmax over the last axis.</summary>
    public static Activation Softmax { get; } = new SoftmaxActivation();
    /// <summary>log(1 + eˣ).</summary>
    public static Activation Softplus { get; } = new SoftplusActivation();
    /// <summary>x/(1 + |x|).</summary>
    public static Activation Softsign { get; } = new SoftsignActivation();
    /// <summary>eˣ.</summary>
    public static Activation Exponential { get; } = new ExponentialActivation();

    /// <summary>The activation with Keras name <paramref name="name"/> (<c>"relu"</c>, <c>"softmax"</c>, …; null or
    /// <c>"linear"</c> give <see cref="Linear"/>).</summary>
    /// <exception cref="ArgumentException">The name is not a Keras activation this library has.</exception>
    public static Activation Get(string? name) => name switch
    {
        null or "linear" => Linear,
        "relu" => Relu,
        "leaky_relu" => LeakyRelu,
        "elu" => Elu,
        "selu" => Selu,
        "gelu" => Gelu,
        "tanh" => Tanh,
        "sigmoid" => Sigmoid,
        "hard_sigmoid" => HardSigmoid,
        "softmax" => Softmax,
        "softplus" => Softplus,
        "softsign" => Softsign,
        "exponential" => Exponential,
        _ => throw new ArgumentException($"Unknown activation function: '{name}'. Known: linear, relu, leaky_relu, elu, selu, gelu, tanh, sigmoid, hard_sigmoid, softmax, softplus, softsign, exponential."),
    };
}
