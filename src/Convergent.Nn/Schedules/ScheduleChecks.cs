namespace Convergent.Nn;

/// <summary>Argument checks shared by the schedules (messages in Keras's form, naming the argument).</summary>
internal static class ScheduleChecks
{
    public static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
            throw new ArgumentException($"Argument `{name}` must be a finite non-negative number. Received: {name}={value}", name);
    }

    public static void Positive(double value, string name)
    {
        if (!(value > 0) || double.IsInfinity(value))
            throw new ArgumentException($"Argument `{name}` must be > 0. Received: {name}={value}", name);
    }
}
