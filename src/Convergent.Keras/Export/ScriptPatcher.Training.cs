using Convergent.Keras.Catalog;
using Convergent.Keras.Python;

namespace Convergent.Keras.Export;

public sealed partial class ScriptPatcher
{
    private static readonly string[] CompilePositional = ["optimizer", "loss", "metrics"];

    /// <summary>Keras 3 <c>fit</c> positional order (the importer's, without the generator forms).</summary>
    private static readonly string[] FitPositional =
        ["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data", "shuffle"];

    private static readonly (string Old, string New)[] FitRenames = [("nb_epoch", "epochs")];

    private string? PatchCompile(CompileSpec? from, CompileSpec? to)
    {
        if (from is null || to is null)
        {
            return from is null == to is null ? null : "the fix adds or removes compile(...)";
        }

        if (SpecEquivalence.Difference(_original with { Compile = to }, _original) is null)
        {
            return null;
        }

        if (CallOf(from.Source) is not { } call)
        {
            return $"the compile call at {from.Source} was not found in the script";
        }

        if (!Equals(from.Optimizer, to.Optimizer))
        {
            if (to.Optimizer is null)
            {
                return "the fix removes the optimizer";
            }

            int at = FindArgument(call, "optimizer", CompilePositional, []);
            string? reason = at < 0
                ? AddKeyword(call, "optimizer", ObjectText(to.Optimizer))
                : from.Optimizer is null ? ReplaceExpression(call.Arguments[at].Value, ObjectText(to.Optimizer))
                : EditObject(call.Arguments[at].Value, from.Optimizer, to.Optimizer);
            if (reason is not null)
            {
                return reason;
            }
        }

        if (from.Loss != to.Loss || from.FromLogits != to.FromLogits || !from.LossConfig.Equals(to.LossConfig))
        {
            if (to.Loss is null)
            {
                return "the fix removes the loss";
            }

            int at = FindArgument(call, "loss", CompilePositional, []);
            string? reason = at < 0 ? AddKeyword(call, "loss", LossText(to)) : EditLoss(call.Arguments[at].Value, from, to);
            if (reason is not null)
            {
                return reason;
            }
        }

        if (!from.Metrics.SequenceEqual(to.Metrics))
        {
            int at = FindArgument(call, "metrics", CompilePositional, []);
            var items = at < 0 ? null : Items(Resolve(call.Arguments[at].Value));
            if (items is null || items.Count != from.Metrics.Count || items.Count != to.Metrics.Count)
            {
                return "the fix changes the metrics, which the script does not give as a list of the same length";
            }

            for (int k = 0; k < items.Count; k++)
            {
                if (!Equals(from.Metrics[k], to.Metrics[k]) && Add(items[k].Span.Start, items[k].Span.End, ValueText(to.Metrics[k], items[k])) is { } reason)
                {
                    return reason;
                }
            }
        }

        return from.Options.Equals(to.Options) ? null : "the fix changes compile options (loss_weights, weighted_metrics)";
    }

    private static List<Expr>? Items(Expr e) => e switch
    {
        ListExpr l => l.Items,
        TupleExpr t => t.Items,
        _ => null,
    };

    /// <summary>Follows a variable to the expression it is assigned, when it is assigned exactly once.</summary>
    private Expr Resolve(Expr e)
    {
        for (int hops = 0; hops < 8 && e is NameExpr name && _syntax.SoleAssignment(name) is { } assign; hops++)
        {
            Note($"{name.Id} is set on line {assign.Span.Line}: changed there");

            e = assign.Value;
        }

        return e;
    }

    private string? ReplaceExpression(Expr e, string text)
    {
        var target = Resolve(e);
        return Add(target.Span.Start, target.Span.End, text);
    }

    /// <summary>Changes the Keras object written at <paramref name="e"/> from <paramref name="from"/> to
    /// <paramref name="to"/>: argument by argument when it is a call of the same class, else by writing the new object.</summary>
    private string? EditObject(Expr e, KerasObjectSpec from, KerasObjectSpec to)
    {
        var target = Resolve(e);
        if (target is CallExpr { Function: NameExpr or AttributeExpr } made && ObjectCatalog.Find(from.Kind, CalleeName(made)) is null)
        {
            // a function of the script makes the object: editing the call would pass it arguments it does not take
            return $"the {from.ClassName} is made by {_syntax.Text(made.Function)}(...) at line {made.Span.Line}; change it there by hand";
        }

        if (target is not CallExpr call || from.ClassName != to.ClassName || ObjectCatalog.Find(from.Kind, from.ClassName) is not { } def)
        {
            return Add(target.Span.Start, target.Span.End, ObjectText(to));
        }

        // Keras 2 optimizers took decay positionally where Keras 3 takes other arguments: a positional argument counts
        // only where both orders agree
        string[] positional = def.Keras2Positional is { } older
            ? def.Positional.Select((p, k) => k < older.Length && older[k] == p ? p : "").ToArray()
            : def.Positional;
        foreach (string key in from.Config.Keys.Union(to.Config.Keys).ToList())
        {
            var before = from.Config.GetValueOrNull(key);
            var after = to.Config.GetValueOrNull(key);
            if (Equals(before, after))
            {
                continue;
            }

            int at = FindArgument(call, key, positional, def.Renames);
            string? reason;
            if (before is KerasObjectSpec inner && after is KerasObjectSpec changed && at >= 0)
            {
                reason = EditObject(call.Arguments[at].Value, inner, changed);
            }
            else if (after is null)
            {
                reason = at >= 0 ? RemoveArgument(call, at) : $"the argument for {key} of {from.ClassName} at line {call.Span.Line} was not found";
            }
            else
            {
                reason = SetArgument(call, at, key, after, Spelled(from.Kind, key));
            }

            if (reason is not null)
            {
                return reason;
            }
        }

        return null;
    }

    private static string CalleeName(CallExpr call) => call.Function switch
    {
        NameExpr n => n.Id,
        AttributeExpr a => a.Name,
        _ => "",
    };

    /// <summary>The loss as written in compile: its name as a string, or a loss object when it has arguments
    /// (<c>from_logits=True</c>).</summary>
    private string LossText(CompileSpec compile) =>
        compile.FromLogits is null && compile.LossConfig.Count == 0 ? Quoted(compile.Loss!) : ObjectText(LossObject(compile));

    private static KerasObjectSpec LossObject(CompileSpec compile)
    {
        string className = KerasNames.LossClasses.FirstOrDefault(kv => kv.Value == compile.Loss).Key ?? compile.Loss!;
        var config = compile.FromLogits is { } logits ? compile.LossConfig.With("from_logits", KerasValue.Of(logits)) : compile.LossConfig;
        return new KerasObjectSpec(KerasObjectKind.Loss, className, config);
    }

    private string? EditLoss(Expr e, CompileSpec from, CompileSpec to)
    {
        var target = Resolve(e);
        if (to.FromLogits is null && to.LossConfig.Count == 0 && target is ConstantExpr { Kind: ConstantKind.Str })
        {
            return Add(target.Span.Start, target.Span.End, ValueText(KerasValue.Of(to.Loss!), target));
        }

        if (target is CallExpr && from.Loss == to.Loss)
        {
            return EditObject(target, LossObject(from), LossObject(to));
        }

        return Add(target.Span.Start, target.Span.End, LossText(to));
    }

    // ---- fit --------------------------------------------------------------------------------------------------

    private string? PatchFit(FitSpec? from, FitSpec? to)
    {
        if (from is null || to is null)
        {
            return from is null == to is null ? null : "the fix adds or removes fit(...)";
        }

        if (SpecEquivalence.Difference(_original with { Fit = to }, _original) is null)
        {
            return null;
        }

        if (CallOf(from.Source) is not { } call)
        {
            return $"the fit call at {from.Source} was not found in the script";
        }

        string[] positional = from.UsesGenerator ? [] : FitPositional;
        var scalars = new (string Key, object? Before, object? After, KerasValue? Value)[]
        {
            ("epochs", from.Epochs, to.Epochs, to.Epochs is { } e ? KerasValue.Of(e) : null),
            ("batch_size", from.BatchSize, to.BatchSize, to.BatchSize is { } b ? KerasValue.Of(b) : null),
            ("validation_split", from.ValidationSplit, to.ValidationSplit, to.ValidationSplit is { } v ? KerasValue.Of(v) : null),
            ("shuffle", from.Shuffle, to.Shuffle, to.Shuffle is { } s ? KerasValue.Of(s) : null),
        };
        foreach (var (key, before, after, value) in scalars)
        {
            if (Equals(before, after))
            {
                continue;
            }

            int at = FindArgument(call, key, positional, FitRenames);
            string spelled = key == "epochs" && _keras1 && call.Arguments.Any(a => a.Name == "nb_epoch") ? "nb_epoch" : key;
            string? reason = value is null
                ? at >= 0 ? RemoveArgument(call, at) : null
                : SetArgument(call, at, key, value, spelled);
            if (reason is not null)
            {
                return reason;
            }
        }

        if (!to.Callbacks.Take(from.Callbacks.Count).SequenceEqual(from.Callbacks) || to.Callbacks.Count < from.Callbacks.Count)
        {
            return "the fix changes callbacks the script already has";
        }

        if (to.Callbacks.Count > from.Callbacks.Count && AppendCallbacks(call, positional, to.Callbacks.Skip(from.Callbacks.Count).ToList()) is { } failed)
        {
            return failed;
        }

        var rest = @from with { Epochs = to.Epochs, BatchSize = to.BatchSize, ValidationSplit = to.ValidationSplit, Shuffle = to.Shuffle, Callbacks = to.Callbacks };
        return SpecEquivalence.Difference(_original with { Fit = to }, _original with { Fit = rest }) is null
            ? null
            : "the fix changes fit arguments the patcher does not write (only epochs, batch_size, validation_split, shuffle and callbacks)";
    }

    private string? AppendCallbacks(CallExpr call, string[] positional, List<KerasObjectSpec> added)
    {
        var texts = added.Select(ObjectText).ToList();
        int at = FindArgument(call, "callbacks", positional, []);
        if (at < 0)
        {
            return AddKeyword(call, "callbacks", "[" + string.Join(", ", texts) + "]");
        }

        if (Resolve(call.Arguments[at].Value) is not ListExpr list)
        {
            return $"callbacks at line {call.Span.Line} is not a list written in the script; add {string.Join(", ", added.Select(a => a.ClassName))} by hand";
        }

        if (list.Items.Count == 0)
        {
            return Add(list.Span.Start + 1, list.Span.Start + 1, string.Join(", ", texts));
        }

        return InsertElementsAfter(list.Items[^1], texts);
    }
}
