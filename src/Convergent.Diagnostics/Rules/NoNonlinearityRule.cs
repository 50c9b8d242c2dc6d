using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>
/// NO_NONLINEARITY: two learned linear maps (Dense, convolutions) follow each other with no nonlinearity between them
/// (only layers such as Flatten, Dropout or BatchNormalization), so together they are one linear map: the extra layer
/// adds parameters but no expressive power.
/// </summary>
public sealed class NoNonlinearityRule : Rule
{
    public override string Code => FindingCode.NoNonlinearity;

    public override IEnumerable<Finding> CheckBefore(RunRecord r)
    {
        if (r.Model is not { } m) yield break;
        var pairs = new List<(string A, string B)>();
        LayerFacts? pending = null;
        foreach (var l in m.Layers)
        {
            if (l.IsLinearMap)
            {
                if (pending is not null) pairs.Add((pending.Name, l.Name));
                pending = l.Activation is null or ActivationKind.Linear ? l : null;
            }
            else if (!l.IsTransparent) pending = null;
        }
        if (pairs.Count == 0) yield break;
        var first = pairs[0];
        yield return new Finding(Code, Severity.Warning, $"No activation between {string.Join(", ", pairs.Select(p => $"{p.A} and {p.B}"))}")
        {
            Layer = first.A,
            Evidence = new Evidence
            {
                { "linear_pairs", string.Join("; ", pairs.Select(p => $"{p.A} → {p.B}")) },
                { "pairs", pairs.Count },
            },
            Confidence = 0.85,
            Explanation =
                $"Layer '{first.A}' has no activation, and the next learned layer '{first.B}' takes its output directly. Two linear layers in a " +
                "row compute just one linear function, so the extra layer adds parameters but cannot learn anything new (curves, interactions).",
            Fixes =
            [
                new Fix("add_activation", "Give the hidden layer a nonlinear activation.", "layers.Dense(64, activation=\"relu\")"),
                new Fix("remove_layer", "Or remove the redundant linear layer.", null),
            ],
        };
    }
}
