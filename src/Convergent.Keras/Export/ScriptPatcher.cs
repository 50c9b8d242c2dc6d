using System.Globalization;
using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Export;

/// <summary>
/// Writes a fix into the user's own script as the smallest text edits, so the fix can be pasted back: the script is
/// imported again to learn where each layer, <c>compile</c> and <c>fit</c> call is, the fixed model (a
/// <see cref="KerasFixResult.Spec"/>) is compared with it, and each difference becomes an edit — an argument's value
/// changed in place (<c>lr=0.1</c> → <c>lr=0.001</c>, in the spelling the script uses; a variable is changed where it
/// is assigned), an argument added or removed, a layer inserted as a <c>model.add(...)</c> line or a
/// <c>Sequential([...])</c> element with the script's indentation, a layer removed, a callback appended. New Keras
/// names are imported the way the script imports Keras. The patched script is imported again and must give exactly
/// the fixed model; otherwise nothing is patched and <see cref="ScriptPatch.Reason"/> says why.
/// </summary>
public sealed partial class ScriptPatcher
{
    /// <summary>Keyword arguments that give a Sequential model's input on its first layer; they move with it.</summary>
    private static readonly string[] InputArguments = ["input_shape", "batch_input_shape", "batch_shape", "input_dim", "input_length", "batch_size", "dtype"];

    /// <summary>Classes the fixes add that Keras 1 does not have, with the Keras version that brought them
    /// (preprocessing layers left <c>layers.experimental</c> in 2.6, loss and metric classes came with 2.3).</summary>
    private static readonly Dictionary<string, string> NotInKeras1 = new()
    {
        ["Rescaling"] = "2.6", ["RandomFlip"] = "2.6", ["RandomTranslation"] = "2.6", ["RandomZoom"] = "2.6", ["RandomRotation"] = "2.6",
        ["RandomCrop"] = "2.6", ["CategoricalCrossentropy"] = "2.3", ["SparseCategoricalCrossentropy"] = "2.3",
        ["BinaryCrossentropy"] = "2.3", ["BinaryAccuracy"] = "2.3",
    };

    /// <summary>Arguments the fixes write that Keras 1 objects do not take (<c>restore_best_weights</c> came with 2.2.3).</summary>
    private static readonly HashSet<(string Class, string Key)> ArgumentsNotInKeras1 = [("EarlyStopping", "restore_best_weights")];

    private readonly ScriptSyntax _syntax;
    private readonly KerasModelSpec _original;
    private readonly bool _followNames;
    private readonly ScriptEdits _edits = new();
    private readonly ScriptNames _names;
    private readonly List<string> _notes = [];
    private readonly bool _keras1;
    private readonly bool _writesLr;
    private readonly List<string> _movedInputArguments = [];

    private ScriptPatcher(ScriptSyntax syntax, KerasModelSpec original, bool followNames)
    {
        _syntax = syntax;
        _original = original;
        _followNames = followNames;
        _names = new ScriptNames(syntax, _edits);
        _keras1 = original.UsesKeras1Spelling;
        _writesLr = _keras1 || AstWalker.Descendants([syntax.Module]).OfType<CallExpr>()
            .Any(c => c.Arguments.Any(a => a.Kind == ArgumentKind.Keyword && a.Name == "lr"));
    }

    /// <summary>True once a value was changed where a variable is assigned rather than where it is used.</summary>
    private bool FollowedName { get; set; }

    /// <summary>
    /// Patches <paramref name="source"/> so that it imports to <paramref name="target"/>.
    /// </summary>
    /// <param name="source">The user's script as written.</param>
    /// <param name="fileName">Its file name (for the importer's messages).</param>
    /// <param name="target">The fixed model: the script's model with a fix applied (and any command-line overrides).</param>
    /// <param name="options">The import options the script was read with.</param>
    public static ScriptPatch Patch(string source, string fileName, KerasModelSpec target, KerasScriptOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        KerasModelSpec original;
        ScriptSyntax syntax;
        try
        {
            original = KerasScriptReader.Read(source, fileName, options);
            syntax = new ScriptSyntax(source, fileName);
        }
        catch (KerasImportException e)
        {
            return new ScriptPatch { Reason = "the original script does not import: " + e.Message };
        }

        string? first = null;
        foreach (bool followNames in new[] { true, false })
        {
            var patcher = new ScriptPatcher(syntax, original, followNames);
            string? reason = patcher.Run(target);
            if (reason is null)
            {
                string text = patcher._edits.Apply(source);
                try
                {
                    var again = KerasScriptReader.Read(text, fileName, options);
                    reason = SpecEquivalence.Difference(target, again) is { } difference
                        ? "the edited script would not import to the fixed model: " + difference
                        : null;
                }
                catch (KerasImportException e)
                {
                    reason = "the edited script would not import: " + e.Message;
                }

                if (reason is null)
                {
                    return new ScriptPatch { Text = text, Notes = patcher._notes };
                }
            }

            first ??= reason;
            if (!patcher.FollowedName)
            {
                break;
            }
        }

        return new ScriptPatch { Reason = first! };
    }

    private string? Run(KerasModelSpec target)
    {
        if (target.SourceKind != ModelSourceKind.PythonScript)
        {
            return "the fixed model was not read from a script";
        }

        string? reason = PatchLayers(target) ?? PatchCompile(_original.Compile, target.Compile) ?? PatchFit(_original.Fit, target.Fit)
                         ?? _names.Flush();
        if (reason is null && _edits.Count == 0)
        {
            return "the fix changes nothing the script writes";
        }

        return reason;
    }

    // ---- layers -----------------------------------------------------------------------------------------------

    private static bool IsNew(LayerSpec layer) => layer.Source.Start < 0;

    private string? PatchLayers(KerasModelSpec target)
    {
        var original = _original.Layers;
        var layers = target.Layers;
        var matched = new int[layers.Count];
        var removed = new List<int>();
        int i = 0;
        for (int j = 0; j < layers.Count; j++)
        {
            if (IsNew(layers[j]))
            {
                matched[j] = -1;
                continue;
            }

            while (i < original.Count && original[i].Source != layers[j].Source)
            {
                removed.Add(i++);
            }

            if (i == original.Count)
            {
                return $"layer {j + 1} ({layers[j].ClassName}) of the fixed model is not in the script's order";
            }

            matched[j] = i++;
        }

        while (i < original.Count)
        {
            removed.Add(i++);
        }

        for (int j = 0; j < layers.Count; j++)
        {
            if (matched[j] >= 0 && ChangeLayer(original[matched[j]], layers[j]) is { } reason)
            {
                return reason;
            }
        }

        foreach (int r in removed)
        {
            if (RemoveLayer(original[r]) is { } reason)
            {
                return reason;
            }
        }

        for (int j = 0; j < layers.Count; j++)
        {
            if (matched[j] >= 0)
            {
                continue;
            }

            int end = j;
            while (end < layers.Count && matched[end] < 0)
            {
                end++;
            }

            int previous = j > 0 ? matched[j - 1] : -1;
            int next = end < layers.Count ? matched[end] : -1;
            if (InsertLayers(layers.Skip(j).Take(end - j).ToList(), previous, next) is { } reason)
            {
                return reason;
            }

            j = end - 1;
        }

        return null;
    }

    private CallExpr? CallOf(SourceRef source) => _syntax.CallAt(source);

    private string NotFound(LayerSpec layer) => $"the {layer.WrittenClassName} call at {layer.Source} was not found in the script";

    private string? ChangeLayer(LayerSpec from, LayerSpec to)
    {
        bool sameShape = from.InputShape is null ? to.InputShape is null : to.InputShape is not null && from.InputShape.SequenceEqual(to.InputShape);
        if (from.ClassName == to.ClassName && from.Name == to.Name && from.Config.Equals(to.Config) && sameShape)
        {
            return null;
        }

        if (CallOf(from.Source) is not { } call)
        {
            return NotFound(from);
        }

        if (from.InputShape is not null && to.InputShape is null)
        {
            // the input moves to a layer inserted before this one: its arguments go there as written
            for (int k = call.Arguments.Count - 1; k >= 0; k--)
            {
                var arg = call.Arguments[k];
                if (arg.Kind == ArgumentKind.Keyword && InputArguments.Contains(arg.Name!))
                {
                    _movedInputArguments.Insert(0, arg.Name + "=" + _syntax.Text(arg.Value));
                    if (RemoveArgument(call, k) is { } reason)
                    {
                        return reason;
                    }
                }
            }
        }
        else if (!sameShape)
        {
            return $"the fix changes the input shape of {from.WrittenClassName} at {from.Source}";
        }

        if (from.ClassName != to.ClassName)
        {
            return Add(call.Span.Start, call.Span.End, NewLayerCall(to));
        }

        if (from.Name != to.Name)
        {
            return $"the fix renames the layer at {from.Source}";
        }

        var def = LayerCatalog.Find(from.WrittenClassName) ?? LayerCatalog.Find(from.ClassName)!;
        bool legacyPositional = def.LegacyForm != LegacyPositionalForm.None && def.Keras1Aliases.Contains(from.WrittenClassName);
        foreach (string key in from.Config.Keys.Union(to.Config.Keys).ToList())
        {
            var before = from.Config.GetValueOrNull(key);
            var after = to.Config.GetValueOrNull(key);
            if (Equals(before, after))
            {
                continue;
            }

            int at = FindArgument(call, key, legacyPositional ? [] : def.Positional, def.Renames);
            string? reason = after is null
                ? at >= 0 ? RemoveArgument(call, at) : $"{from.WrittenClassName} at {from.Source}: the argument for {key} was not found"
                : SetArgument(call, at, key, after);
            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private string? RemoveLayer(LayerSpec layer)
    {
        if (CallOf(layer.Source) is not { } call)
        {
            return NotFound(layer);
        }

        switch (_syntax.Parent(call))
        {
            case ListExpr list:
                return RemoveElement(list, call);
            case CallExpr { Function: AttributeExpr { Name: "add" } } add when _syntax.Parent(add) is ExprStmt stmt:
                if (_syntax.IndentBefore(stmt.Span.Start) is null || !_syntax.RestOfLineIsBlank(stmt.Span.End))
                {
                    return $"the line of {layer.WrittenClassName} at {layer.Source} holds other code; remove the layer by hand";
                }

                return Add(_syntax.LineStart(stmt.Span.Start), _syntax.NextLineStart(stmt.Span.End), "");
            default:
                return $"{layer.WrittenClassName} at {layer.Source} is not created in model.add(...) or a Sequential([...]) list; remove it by hand";
        }
    }

    private string? RemoveElement(ListExpr list, Expr element)
    {
        int k = list.Items.IndexOf(element);
        string? indent = _syntax.IndentBefore(element.Span.Start);
        if (indent is not null && list.Items.Count > 1)
        {
            // one element per line: the whole line goes, with its comma
            int end = _syntax.SkipBlank(element.Span.End);
            if (end < _syntax.Source.Length && _syntax.Source[end] == ',' && _syntax.RestOfLineIsBlank(end + 1))
            {
                return Add(_syntax.LineStart(element.Span.Start), _syntax.NextLineStart(end), "");
            }
        }

        if (k > 0)
        {
            return Add(list.Items[k - 1].Span.End, element.Span.End, "");
        }

        return list.Items.Count > 1 ? Add(element.Span.Start, list.Items[1].Span.Start, "") : Add(element.Span.Start, element.Span.End, "");
    }

    /// <summary>Inserts <paramref name="layers"/> after original layer <paramref name="previous"/> (or before
    /// <paramref name="next"/> when they start the model), as <c>model.add</c> lines or list elements.</summary>
    private string? InsertLayers(List<LayerSpec> layers, int previous, int next)
    {
        var anchor = previous >= 0 ? _original.Layers[previous] : next >= 0 ? _original.Layers[next] : null;
        if (anchor is null)
        {
            return "the script's model has no layers to put the new ones next to";
        }

        if (CallOf(anchor.Source) is not { } call)
        {
            return NotFound(anchor);
        }

        var texts = layers.Select(NewLayerCall).ToList();
        string names = string.Join(", ", layers.Select(l => l.ClassName));
        switch (_syntax.Parent(call))
        {
            case ListExpr:
                return previous >= 0 ? InsertElementsAfter(call, texts) : InsertElementsBefore(call, texts);
            case CallExpr { Function: AttributeExpr { Name: "add" } add } addCall when _syntax.Parent(addCall) is ExprStmt stmt:
            {
                string receiver = _syntax.Text(add.Target);
                Stmt at = stmt;
                bool after = previous >= 0;
                if (after && next >= 0 && CallOf(_original.Layers[next].Source) is { } nextCall && _syntax.StatementOf(nextCall) is { } nextStmt &&
                    _syntax.Depth(nextStmt) < _syntax.Depth(stmt))
                {
                    // the previous layer is added inside a loop or branch that the next one is not: insert before the next
                    at = nextStmt;
                    after = false;
                }
                else if (!after && _syntax.InLoopOrFunction(stmt) && ModelCreation(receiver, stmt) is { } creation &&
                         _syntax.Depth(creation) < _syntax.Depth(stmt))
                {
                    // the first layer is added inside a loop: the new first layers go right after Sequential()
                    at = creation;
                    after = true;
                }

                string? indent = _syntax.IndentBefore(at.Span.Start);
                if (indent is null || after && !_syntax.RestOfLineIsBlank(at.Span.End))
                {
                    return $"the line at {anchor.Source} holds other code; add {names} by hand";
                }

                string lines = string.Concat(texts.Select(t => $"{indent}{receiver}.add({t})\n"));
                int offset = after ? _syntax.NextLineStart(at.Span.End) : _syntax.LineStart(at.Span.Start);
                if (after && offset == _syntax.Source.Length && !_syntax.Source.EndsWith('\n'))
                {
                    lines = "\n" + lines.TrimEnd('\n');
                }

                return Add(offset, offset, lines);
            }

            default:
                return $"{anchor.WrittenClassName} at {anchor.Source} is not created in model.add(...) or a Sequential([...]) list; add {names} by hand";
        }
    }

    /// <summary>The statement <c>receiver = ...Sequential(...)</c> before <paramref name="before"/>, or null.</summary>
    private AssignStmt? ModelCreation(string receiver, Stmt before) =>
        AstWalker.Descendants([_syntax.Module]).OfType<AssignStmt>()
            .Where(a => a.Span.End <= before.Span.Start && a.Targets is [NameExpr n] && n.Id == receiver &&
                        a.Value is CallExpr { Function: NameExpr { Id: "Sequential" } or AttributeExpr { Name: "Sequential" } })
            .LastOrDefault();

    private string? InsertElementsAfter(Expr element, List<string> texts)
    {
        string? indent = _syntax.IndentBefore(element.Span.Start);
        string separator = indent is null ? ", " : ",\n" + indent;
        return Add(element.Span.End, element.Span.End, string.Concat(texts.Select(t => separator + t)));
    }

    private string? InsertElementsBefore(Expr element, List<string> texts)
    {
        string? indent = _syntax.IndentBefore(element.Span.Start);
        string separator = indent is null ? ", " : ",\n" + indent;
        return Add(element.Span.Start, element.Span.Start, string.Concat(texts.Select(t => t + separator)));
    }

    /// <summary>A new layer's call in the script's style; an input moved from the old first layer comes along as written.</summary>
    private string NewLayerCall(LayerSpec layer)
    {
        var def = LayerCatalog.Find(layer.ClassName);
        var args = new List<string>();
        var remaining = layer.Config.ToList();
        for (int i = 0; def is not null && i < def.WriterPositionalCount && i < def.Positional.Length; i++)
        {
            int at = remaining.FindIndex(kv => kv.Key == def.Positional[i]);
            if (at < 0)
            {
                break;
            }

            args.Add(ValueText(remaining[at].Value));
            remaining.RemoveAt(at);
        }

        args.AddRange(remaining.Select(kv => kv.Key + "=" + ValueText(kv.Value)));
        if (layer.Name is not null)
        {
            args.Add("name=" + Quoted(layer.Name));
        }

        if (layer.InputShape is { } shape)
        {
            if (_movedInputArguments.Count > 0)
            {
                args.AddRange(_movedInputArguments);
                _movedInputArguments.Clear();
            }
            else
            {
                args.Add("input_shape=" + (shape.Length == 1 ? $"({Dim(shape[0])},)" : "(" + string.Join(", ", shape.Select(Dim)) + ")"));
            }
        }

        return Reference("keras.layers", layer.ClassName) + "(" + string.Join(", ", args) + ")";
    }

    private static string Dim(int? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "None";

    private string Reference(string module, string name)
    {
        if (_keras1 && NotInKeras1.TryGetValue(name, out string? version))
        {
            Note($"{name} does not exist in Keras 1: the patched script needs Keras {version} or later (or tf.keras)");
        }

        return _names.Reference(module, name);
    }

    // ---- arguments --------------------------------------------------------------------------------------------

    /// <summary>The index of the argument of <paramref name="call"/> that gives <paramref name="key"/>; -1 when none.</summary>
    private static int FindArgument(CallExpr call, string key, string[] positional, (string Old, string New)[] renames)
    {
        int position = 0;
        for (int k = 0; k < call.Arguments.Count; k++)
        {
            var arg = call.Arguments[k];
            switch (arg.Kind)
            {
                case ArgumentKind.Positional:
                    if (position < positional.Length && positional[position] == key)
                    {
                        return k;
                    }

                    position++;
                    break;
                case ArgumentKind.Keyword:
                    string name = arg.Name!;
                    foreach (var (old, renamed) in renames)
                    {
                        if (old == name)
                        {
                            name = renamed;
                        }
                    }

                    if (name == key)
                    {
                        return k;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>Sets argument <paramref name="key"/>: its value changed in place (where its variable is assigned, when it
    /// is a variable assigned once to a literal), or a keyword argument added.</summary>
    private string? SetArgument(CallExpr call, int at, string key, KerasValue value, string? spelled = null)
    {
        if (at >= 0)
        {
            return ReplaceValue(call.Arguments[at].Value, value);
        }

        NoteNewKeyword(spelled ?? key);
        return AddKeyword(call, spelled ?? key, ValueText(value));
    }

    private string? ReplaceValue(Expr expr, KerasValue value)
    {
        if (expr is NameExpr name && _followNames && _syntax.SoleAssignment(name) is { } assign && IsLiteral(assign.Value))
        {
            FollowedName = true;
            Note($"{name.Id} is set on line {assign.Span.Line}: changed there");
            return Add(assign.Value.Span.Start, assign.Value.Span.End, ValueText(value, assign.Value));
        }

        return Add(expr.Span.Start, expr.Span.End, ValueText(value, expr));
    }

    private static bool IsLiteral(Expr e) => e switch
    {
        ConstantExpr => true,
        UnaryExpr u => IsLiteral(u.Operand),
        BinaryExpr b => IsLiteral(b.Left) && IsLiteral(b.Right),
        TupleExpr t => t.Items.All(IsLiteral),
        ListExpr l => l.Items.All(IsLiteral),
        _ => false,
    };

    private string? AddKeyword(CallExpr call, string name, string value)
    {
        string text = name + "=" + value;
        if (call.Arguments.Count == 0)
        {
            int close = call.Span.End - 1;
            return Add(close, close, text);
        }

        var last = call.Arguments[^1];
        int after = _syntax.SkipBlank(last.Span.End);
        bool comma = after < _syntax.Source.Length && _syntax.Source[after] == ',';
        if (comma)
        {
            int close = _syntax.SkipBlank(after + 1);
            string? indent = _syntax.IndentBefore(last.Span.Start);
            return _syntax.LineBreakBetween(after, close) && indent is not null
                ? Add(after + 1, after + 1, "\n" + indent + text + ",")
                : Add(after + 1, after + 1, " " + text);
        }

        return Add(last.Span.End, last.Span.End, ", " + text);
    }

    private string? RemoveArgument(CallExpr call, int k)
    {
        var args = call.Arguments;
        var arg = args[k];
        if (arg.Kind == ArgumentKind.Positional && args.Skip(k + 1).Any(a => a.Kind == ArgumentKind.Positional))
        {
            return $"removing a positional argument of the call at line {call.Span.Line} would shift the ones after it";
        }

        if (k > 0)
        {
            return Add(args[k - 1].Span.End, arg.Span.End, "");
        }

        if (args.Count > 1)
        {
            return Add(arg.Span.Start, args[1].Span.Start, "");
        }

        int after = _syntax.SkipBlank(arg.Span.End);
        bool comma = after < _syntax.Source.Length && _syntax.Source[after] == ',';
        return Add(arg.Span.Start, comma ? after + 1 : arg.Span.End, "");
    }

    private string? Add(int start, int end, string text) => _edits.Add(start, end, text);

    // ---- values -----------------------------------------------------------------------------------------------

    private string Quoted(string s, char? quote = null)
    {
        char q = quote ?? _syntax.Quote;
        return s.Any(c => c == q || c == '\\' || char.IsControl(c)) ? KerasValue.QuoteString(s) : q + s + q;
    }

    /// <summary>A value as Python in the script's style; <paramref name="like"/> is the text it replaces (its quotes
    /// are kept).</summary>
    private string ValueText(KerasValue value, Expr? like = null)
    {
        switch (value)
        {
            case KerasString s:
                char? quote = like is ConstantExpr { Kind: ConstantKind.Str } ? _syntax.Text(like).TrimStart('r', 'R', 'u', 'U')[0] : null;
                return Quoted(s.Value, quote is '\'' or '"' ? quote : null);
            case KerasFloat f:
                return FloatText(f.Value);
            case KerasSequence seq:
                var items = seq.Items.Select(i => ValueText(i)).ToList();
                return seq.IsTuple ? items.Count == 1 ? $"({items[0]},)" : "(" + string.Join(", ", items) + ")" : "[" + string.Join(", ", items) + "]";
            case KerasDict d:
                return "{" + string.Join(", ", d.Entries.Select(e => ValueText(e.Key) + ": " + ValueText(e.Value))) + "}";
            case KerasObjectSpec o:
                return ObjectText(o);
            default:
                return value.ToPython();
        }
    }

    /// <summary>Python's repr, except a reciprocal such as 1/255 is written <c>1.0 / 255</c> (the same double).</summary>
    private static string FloatText(double v)
    {
        string repr = KerasValue.Of(v).ToPython();
        if (v > 0 && v < 1 && repr.Length > 8)
        {
            double n = Math.Round(1 / v);
            if (n is > 1 and < 1e6 && 1.0 / n == v)
            {
                return "1.0 / " + n.ToString(CultureInfo.InvariantCulture);
            }
        }

        return repr;
    }

    /// <summary>A Keras object as a call in the script's style (<c>SGD(lr=0.001)</c> in a Keras 1/2 script that writes
    /// <c>lr</c>, <c>keras.optimizers.SGD(learning_rate=0.001)</c> in one that imports <c>keras</c>).</summary>
    private string ObjectText(KerasObjectSpec spec)
    {
        foreach (string key in spec.Config.Keys.Where(k => _keras1 && ArgumentsNotInKeras1.Contains((spec.ClassName, k))))
        {
            Note($"{spec.ClassName}({key}=...) does not exist in Keras 1: the patched script needs Keras 2.2.3 or later (or tf.keras)");
        }

        foreach (string key in spec.Config.Keys)
        {
            NoteNewKeyword(Spelled(spec.Kind, key));
        }

        return Reference(ScriptNames.ModuleOf(spec.Kind), spec.ClassName) + "(" +
               string.Join(", ", spec.Config.Select(kv => Spelled(spec.Kind, kv.Key) + "=" + ValueText(kv.Value))) + ")";
    }

    /// <summary>A new <c>learning_rate=</c> in a script written the standalone Keras 2 way, which does not say which
    /// Keras 2 it is: Keras 2.0–2.2 only know <c>lr</c>.</summary>
    private void NoteNewKeyword(string keyword)
    {
        if (keyword == "learning_rate" && _names.ClassicStandaloneKeras)
        {
            Note("learning_rate= is the name since Keras 2.3 (and in Keras 3); on Keras 2.0–2.2 write lr= instead");
        }
    }

    private void Note(string note)
    {
        if (!_notes.Contains(note))
        {
            _notes.Add(note);
        }
    }

    /// <summary>The keyword a new argument gets: the Keras 1/2 <c>lr</c> where the script writes it.</summary>
    private string Spelled(KerasObjectKind kind, string key) =>
        kind == KerasObjectKind.Optimizer && key == "learning_rate" && _writesLr ? "lr" : key;
}
