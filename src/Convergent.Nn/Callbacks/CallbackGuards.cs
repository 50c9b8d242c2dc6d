namespace Convergent.Nn;

/// <summary>Checks shared by callbacks that change the learning rate.</summary>
internal static class CallbackGuards
{
    /// <summary>The model's optimizer, which must exist and use a fixed (settable) learning rate.</summary>
    public static Optimizer FixedRateOptimizer(Model? model, string callback)
    {
        var optimizer = model?.Optimizer
            ?? throw new InvalidOperationException($"{callback} needs a compiled model: use it in Fit or call SetModel on a compiled model.");
        if (optimizer.Schedule is not null)
            throw new InvalidOperationException(
                $"{callback} cannot change the learning rate of optimizer '{optimizer.KerasName}': it follows a {optimizer.Schedule.GetType().Name} schedule. Use a fixed learning rate with {callback}.");
        return optimizer;
    }
}
