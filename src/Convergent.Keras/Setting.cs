namespace Convergent.Keras;

/// <summary>A training setting's value and where it came from.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="Value">The value used.</param>
/// <param name="Origin">Whether the script gave it or Keras's default filled it.</param>
public readonly record struct Setting<T>(T Value, SettingOrigin Origin)
{
    /// <summary>A value the script gave.</summary>
    public static Setting<T> Given(T value) => new(value, SettingOrigin.Given);

    /// <summary>Keras's default.</summary>
    public static Setting<T> Default(T value) => new(value, SettingOrigin.KerasDefault);

    /// <summary><c>70 (given)</c>, <c>32 (Keras default)</c>.</summary>
    public override string ToString() =>
        $"{Value} ({(Origin == SettingOrigin.Given ? "given" : Origin == SettingOrigin.KerasDefault ? "Keras default" : "caller")})";
}
