namespace Convergent.Diagnostics;

/// <summary>
/// Runs a set of rules over one <see cref="RunRecord"/> as the run unfolds and collects their findings: each
/// (code, layer) is posted once — the first time it holds, with its epoch/step — and <see cref="Posted"/> is raised
/// at once, so a console can show findings while training runs.
/// </summary>
public sealed class RuleEngine
{
    private readonly List<Rule> _rules;
    private readonly List<Finding> _findings = [];
    private readonly HashSet<(string Code, string? Layer)> _posted = [];

    /// <summary>Creates an engine over <paramref name="record"/> with <paramref name="rules"/> (default: <see cref="Rules.All"/>).</summary>
    public RuleEngine(RunRecord record, IEnumerable<Rule>? rules = null)
    {
        Record = record ?? throw new ArgumentNullException(nameof(record));
        _rules = [.. rules ?? Rules.All];
        // the per-step and per-epoch passes go only to the rules that check there (most check once, before or after)
        _stepRules = [.. _rules.Where(r => Overrides(r, nameof(Rule.CheckStep)))];
        _epochRules = [.. _rules.Where(r => Overrides(r, nameof(Rule.CheckEpoch)))];
    }

    private readonly Rule[] _stepRules, _epochRules;

    private static bool Overrides(Rule rule, string method) =>
        rule.GetType().GetMethods().Any(m => m.Name == method && m.DeclaringType != typeof(Rule) && m.GetBaseDefinition().DeclaringType == typeof(Rule));

    /// <summary>The record the rules read.</summary>
    public RunRecord Record { get; }

    /// <summary>The rules, in registry order.</summary>
    public IReadOnlyList<Rule> RuleSet => _rules;

    /// <summary>Findings posted so far, in posting order.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Raised once per new finding, as soon as it is posted.</summary>
    public event Action<Finding>? Posted;

    /// <summary>Whether a finding with this code (and layer) was posted.</summary>
    public bool IsPosted(string code, string? layer = null) => _posted.Contains((code, layer));

    /// <summary>Whether any finding with this code was posted, whatever its layer.</summary>
    public bool HasCode(string code) => _findings.Exists(f => f.Code == code);

    /// <summary>Rules that threw, with the exception (a faulty rule must not end a user's training run; tests assert this
    /// list is empty).</summary>
    public IReadOnlyList<(Rule Rule, Exception Error)> Errors => _errors;
    private readonly List<(Rule, Exception)> _errors = [];

    /// <summary>Runs every rule's before-training check.</summary>
    public void RunBefore() { foreach (var r in _rules) Run(r, () => r.CheckBefore(Record)); }

    /// <summary>
    /// When set, the share of wall time the streaming checks may add to training (e.g. 0.03, measured by the whole step:
    /// <see cref="OverheadBudget"/>): a step whose checks would exceed it is skipped, and checked later (findings carry
    /// the step where their condition began, read from the series, so a later check loses nothing but latency). Null (the default) checks every step — deterministic, for tests and replays.
    /// </summary>
    public double? MaxTimeShare { get; init; }

    private OverheadBudget? _budget;

    /// <summary>A budget shared with the probe (<see cref="DoctorProbe.Budget"/>): when set, the streaming checks run on the
    /// steps it lets run — the steps whose statistics were taken — and <see cref="MaxTimeShare"/> is not used.</summary>
    public OverheadBudget? SharedBudget { get; init; }

    /// <summary>Steps at the start that are always checked, whatever <see cref="MaxTimeShare"/>.</summary>
    public const int WarmUpSteps = 20;
    private long? _pendingStep;

    /// <summary>Runs every rule's streaming check after <paramref name="step"/> (or defers it, see <see cref="MaxTimeShare"/>:
    /// the budget charges the checks with everything they add to the training's steps, measured from one step's end to
    /// the next — <see cref="OverheadBudget"/>).</summary>
    public void OnStep(long step)
    {
        if (SharedBudget is { Running: false })
        {
            _pendingStep = step;
            return;
        }
        if (SharedBudget is null && MaxTimeShare is double share)
        {
            _budget ??= new OverheadBudget(share) { WarmUpSteps = WarmUpSteps };
            if (!_budget.BeginStep())
            {
                _pendingStep = step;
                return;
            }
        }
        foreach (var r in _stepRules) Run(r, () => r.CheckStep(Record, step));
        _pendingStep = null;
    }

    /// <summary>Checks the last step if its check was deferred (called by <see cref="RunAfter"/>).</summary>
    public void Flush()
    {
        if (_pendingStep is not long step) return;
        foreach (var r in _stepRules) Run(r, () => r.CheckStep(Record, step));
        _pendingStep = null;
    }

    /// <summary>Runs every rule's epoch check after <paramref name="epoch"/> (1-based).</summary>
    public void OnEpoch(int epoch)
    {
        _budget?.Pause();   // the epoch's end (validation) is not the streaming checks' cost
        foreach (var r in _epochRules) Run(r, () => r.CheckEpoch(Record, epoch));
    }

    /// <summary>Runs a deferred streaming check, then every rule's after-training check, then lets each rule review
    /// its posted findings against the whole run (<see cref="Rule.Review"/>: a symptom seen early that stopped holding
    /// is downgraded or withdrawn).</summary>
    public void RunAfter()
    {
        Flush();
        foreach (var r in _rules) Run(r, () => r.CheckAfter(Record));
        for (int i = _findings.Count - 1; i >= 0; i--)
        {
            var f = _findings[i];
            var rule = _rules.Find(r => r.Code == f.Code);
            if (rule is null) continue;
            Finding? revised;
            try { revised = rule.Review(Record, f); }
            catch (Exception e) when (e is not OutOfMemoryException) { _errors.Add((rule, e)); continue; }
            if (revised is null) _findings.RemoveAt(i);
            else _findings[i] = revised;
        }
    }

    private void Run(Rule rule, Func<IEnumerable<Finding>> check)
    {
        try { PostAll(check()); }
        catch (Exception e) when (e is not OutOfMemoryException) { _errors.Add((rule, e)); }
    }

    /// <summary>Posts a finding found elsewhere (e.g. by a caller's own check); ignored when already posted.</summary>
    public bool Post(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!_posted.Add((finding.Code, finding.Layer))) return false;
        _findings.Add(finding);
        Posted?.Invoke(finding);
        return true;
    }

    private void PostAll(IEnumerable<Finding> findings) { foreach (var f in findings) Post(f); }

    /// <summary>Runs the after-training rules (and the epoch rules for every epoch) on a finished record, such as one
    /// read from a Keras log, and returns the diagnosis.</summary>
    public static Diagnosis DiagnoseRecord(RunRecord record, IEnumerable<Rule>? rules = null)
    {
        var engine = new RuleEngine(record, rules);
        engine.RunBefore();
        foreach (var e in record.Epochs.Numbers) engine.OnEpoch(e);
        engine.RunAfter();
        return Diagnosis.Of(engine.Findings, record.Training.Stopped);
    }
}
