namespace Convergent.Keras.Evaluation;

/// <summary>A namespace: module globals, or a function's locals chained to the globals.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, PyValue> _vars = new(StringComparer.Ordinal);

    public Scope? Parent { get; } = parent;

    /// <summary>Modules imported with <c>from m import *</c> (globals only).</summary>
    public List<PyModule> StarImports { get; } = [];

    /// <summary>Names declared <c>global</c> in a function.</summary>
    public HashSet<string> Globals { get; } = [];

    public Scope Root => Parent?.Root ?? this;

    public bool TryGetLocal(string name, out PyValue value) => _vars.TryGetValue(name, out value!);

    public void Set(string name, PyValue value)
    {
        if (Parent is not null && Globals.Contains(name))
        {
            Root.Set(name, value);
            return;
        }

        _vars[name] = value;
    }

    public void Remove(string name) => _vars.Remove(name);

    public IEnumerable<KeyValuePair<string, PyValue>> Locals => _vars;
}
