namespace Convergent.Keras.Export;

/// <summary>
/// The result of <see cref="ScriptPatcher.Patch"/>: the user's script with a fix written into it as small text edits,
/// or the reason it could not be, in which case the caller falls back to the Keras 3 export.
/// </summary>
public sealed record ScriptPatch
{
    /// <summary>The patched script (re-imports to the fixed model), or null when the fix could not be written.</summary>
    public string? Text { get; init; }

    /// <summary>Why the fix could not be written into the script (empty when it was).</summary>
    public string Reason { get; init; } = "";

    /// <summary>What the user should know about the edits (a variable changed where it is assigned, a name that the
    /// script's Keras version does not have ...), one line each.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when <see cref="Text"/> holds the patched script.</summary>
    public bool Succeeded => Text is not null;
}
