namespace Convergent.Nn;

/// <summary>Argument checks shared by the optimizers (messages in Keras's form, naming the argument).</summary>
internal static class OptimizerChecks
{
    public static void RequireUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentException($"Argument `{name}` must be in [0, 1]. Received: {name}={value}", name);
    }

    public static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0)) throw new ArgumentException($"Argument `{name}` must be non-negative. Received: {name}={value}", name);
    }
}
