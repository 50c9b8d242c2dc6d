using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Convergent.Diagnostics;
using Convergent.Kernels;
using Convergent.Keras;
using Convergent.Keras.Export;
using Convergent.Reports;
using Convergent.Reports.Html;
using Convergent.Reports.TensorBoard;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent doctor MODEL --data DATA …</c>: imports the Keras model, trains it on DATA with the doctor's probes,
/// shows Keras-style progress with findings as they are posted, then the ranked diagnosis and the import notes, and
/// writes the JSON report (shared/specs/cli-and-report.md) and the HTML report.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A Keras script (.py), a model JSON (.json) or a .keras archive" };
        var data = new Option<string>("--data") { Description = "builtin:NAME, a .npz or .csv file, or a folder of IDX / CIFAR-10 / class-folder images", Required = true };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: the script's, else Keras's 1)" };
        var batch = new Option<int?>("--batch-size") { Description = "Batch size (default: the script's, else 32)" };
        var optimizer = new Option<string?>("--optimizer") { Description = "Optimizer name (sgd, adam, rmsprop, …) replacing the script's" };
        var lr = new Option<double?>("--lr") { Description = "Learning rate replacing the script's" };
        var loss = new Option<string?>("--loss") { Description = "Loss name replacing the script's" };
        var split = new Option<double?>("--validation-split") { Description = "Fraction held out from the end of the data (default: the script's)" };
        var seed = new Option<int>("--seed") { Description = "Seed for initialization, shuffling and dropout", DefaultValueFactory = _ => 1337 };
        var threads = new Option<int>("--threads") { Description = "Kernel threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var target = new Option<string?>("--target") { Description = "CSV target column (name or index; default: last)" };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (convergent.report/1) to this file" };
        var html = new Option<string?>("--html") { Description = "Write the self-contained HTML report (charts, findings on them; works offline) to this file" };
        var maxSeconds = new Option<double?>("--max-seconds") { Description = "Stop training after this many seconds (the report says time_budget)" };
        var quiet = new Option<bool>("--quiet") { Description = "Print only the final summary" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with status 3 when findings of this severity exist: error or warning" };
        // an extension of the CLI contract (shared/specs/cli-and-report.md)
        var fixScript = new Option<string?>("--fix-script")
        {
            Description = "Apply the top-ranked finding's first fix that is a model/training change. For a .py MODEL: write your script "
                + "with the fix to FILE, the unified diff against your script to FILE.diff (patch -p1 applies it) and the fixed model as "
                + "Keras 3 code to FILE's .keras3.py sibling. When the fix cannot be written into your script (or MODEL is JSON/.keras), "
                + "FILE is the Keras 3 export and FILE.diff compares exported code (its first line says why)",
        };
        var deterministic = new Option<bool>("--deterministic")
        {
            Description = "Measure every step and bound the quick probes by steps, not seconds (no wall-time share for probes and rules), "
                + "so the same input gives the same findings on any machine load; --max-seconds still stops training",
        };
        var trialFixes = new Option<int>("--trial-fixes")
        {
            Description = "Prove up to N fixes by short trials: each fix that can be written into the model is trained for the same epochs "
                + "on the same data and seed, and its validation loss is compared with the diagnosed run's",
            DefaultValueFactory = _ => 0,
        };
        var tensorboard = new Option<string?>("--tensorboard")
        {
            Description = "Write the run as TensorBoard event files into DIR (train/ and validation/ as Keras's TensorBoard callback does: "
                + "epoch curves, per-layer probe series, histograms, the diagnosis as text)",
        };
        var cmd = new Command("doctor", "Train MODEL on DATA with probes and diagnose why it does or does not learn")
        { model, data, epochs, batch, optimizer, lr, loss, split, seed, threads, target, json, html, maxSeconds, quiet, failOn, fixScript, deterministic, trialFixes, tensorboard };
        var store = new StoreOptions().AddTo(cmd, recording: true);
        cmd.SetAction(r => Program.Guard(() => Run(new DoctorRequest(r.GetValue(model)!, r.GetValue(data)!)
        {
            Overrides = new Overrides(r.GetValue(epochs), r.GetValue(batch), r.GetValue(optimizer), r.GetValue(lr), r.GetValue(loss), r.GetValue(split)),
            Seed = r.GetValue(seed),
            Threads = r.GetValue(threads),
            Target = r.GetValue(target),
            JsonPath = r.GetValue(json),
            HtmlPath = r.GetValue(html),
            MaxSeconds = r.GetValue(maxSeconds),
            Quiet = r.GetValue(quiet),
            FailOn = FailOn.Parse(r.GetValue(failOn)),
            FixScriptPath = r.GetValue(fixScript),
            Deterministic = r.GetValue(deterministic),
            TrialFixes = r.GetValue(trialFixes),
            TensorBoardDir = r.GetValue(tensorboard),
            Store = store.Target(r),
        }, Console.Out)));
        return cmd;
    }

    /// <summary>Runs the doctor and returns the exit status.</summary>
    public static int Run(DoctorRequest request, TextWriter output)
        => Diagnose(request, output) is var (_, diagnosis) ? FailOn.ExitCode(diagnosis, request.FailOn) : ExitCodes.ProgramFault;

    /// <summary>The diagnosis itself (exceptions for bad input propagate to <see cref="Program.Guard"/>); also used by <c>suite</c>.</summary>
    public static (DoctorResult? Result, Diagnosis Diagnosis) Diagnose(DoctorRequest request, TextWriter output)
    {
        var (modelPath, dataSpec, o, seed, threads) = (request.ModelPath, request.DataSpec, request.Overrides, request.Seed, request.Threads);
        var (target, json, html, maxSeconds, quiet) = (request.Target, request.JsonPath, request.HtmlPath, request.MaxSeconds, request.Quiet);
        var (fixScript, deterministic) = (request.FixScriptPath, request.Deterministic);
        if (threads < 1) throw new ArgumentException($"--threads must be at least 1. Received: {threads}");
        if (request.TrialFixes < 0) throw new ArgumentException($"--trial-fixes must be 0 or more. Received: {request.TrialFixes}");
        if (maxSeconds is double m && !(m > 0)) throw new ArgumentException($"--max-seconds must be positive. Received: {m.ToString(CultureInfo.InvariantCulture)}");
        Parallelism.MaxThreads = threads;
        var session = ModelSession.Open(modelPath, o, seed);
        session.LoadData(dataSpec, target);
        var first = session.Build();
        if (!first.IsCompiled)
            throw new ArgumentException($"{modelPath}: the model has no compile(...) with a loss; give --loss NAME (and --optimizer NAME)");
        int verbose = quiet ? 0 : (Console.IsOutputRedirected ? 2 : 1);
        var fit = session.Fit(first, o, verbose);

        if (!quiet)
        {
            output.WriteLine($"Convergent doctor — {modelPath} on {dataSpec}");
            first.Model.Output = output;
            first.Model.Summary();
            output.WriteLine($"Training: {first.Optimizer?.GetType().Name} lr={first.Optimizer?.LearningRate.ToString("G4", CultureInfo.InvariantCulture)}, "
                + $"loss {first.Loss?.GetType().Name}, {fit.Epochs} epochs, batch size {fit.BatchSize}, "
                + (fit.ValidationData is not null ? "validation data given" : $"validation split {fit.ValidationSplit.ToString(CultureInfo.InvariantCulture)}"));
            output.WriteLine();
        }

        var options = new DoctorOptions
        {
            Source = modelPath,
            MaxDuration = maxSeconds is double s ? TimeSpan.FromSeconds(s) : null,
            QuickProbeBudget = maxSeconds is double s2 ? TimeSpan.FromSeconds(Math.Clamp(s2 / 6, 0.5, 5)) : TimeSpan.FromSeconds(5),
        };
        // the default bounds the probes' and rules' share of wall time, so what they see depends on the machine's load;
        // deterministic runs (the labelled suite, --deterministic) measure every step and bound the quick probes by their step
        // counts, so the same input gives the same findings
        if (deterministic) options = options with { Probes = new ProbeOptions(), RuleTimeShare = null, QuickProbeBudget = null };
        var doctor = new Doctor(options);
        using var recording = StoreRecording.ForDoctor(request, doctor);
        if (!quiet)
        {
            doctor.QuickProbeStarted += name => output.WriteLine($"  quick probe: {name}");
            doctor.FindingPosted += f => output.WriteLine(ConsoleReport.FormatLive(f));
        }
        bool usedFirst = false;
        Convergent.Nn.Model Factory()
        {
            if (!usedFirst) { usedFirst = true; return first.Model; }
            var m = session.Build().Model;
            m.Output = TextWriter.Null;
            return m;
        }
        // the quick probes call the factory first; the trained model must be the one with the console output
        DoctorResult? result;
        Diagnosis diagnosis;
        Diagnostics.RunRecord record;
        var sw = Stopwatch.StartNew();
        try
        {
            result = doctor.Run(Factory, session.X!, session.Y!, fit);
            diagnosis = result.Diagnosis;
            record = result.Record;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            // e.g. a loss that cannot take these labels: still give the static diagnosis that explains why
            var check = new Doctor(options with { QuickProbes = [] }).Check(session.Build().Model, session.X, session.Y, fit);
            if (!check.Diagnosis.Findings.Any(f => f.Severity == Severity.Error)) throw;
            result = check;
            diagnosis = check.Diagnosis;
            record = check.Record;
            session.Notes.Add($"training could not run: {e.Message}");
            recording?.Fail(e, diagnosis);
        }
        if (!quiet) output.WriteLine();
        if (result?.History is not null && request.TrialFixes > 0)
            diagnosis = FixTrials.Run(session, result, diagnosis, fit, o, request.TrialFixes, sw.Elapsed.TotalSeconds, output, quiet);
        if (result is not null) recording?.Complete(result, diagnosis);   // after the fix trials: their results go with the fixes
        ConsoleReport.Render(record, diagnosis, output);
        PrintNotes(output, first.Notes, session.Notes, result?.Problems ?? []);
        if (json is not null)
        {
            ReportWriter.WriteFile(record, diagnosis, json);
            output.WriteLine($"JSON report written to {json}");
        }
        if (html is not null)
        {
            HtmlReportWriter.Write(record, diagnosis, html);
            output.WriteLine($"HTML report written to {Path.GetFullPath(html)}");
        }
        if (request.TensorBoardDir is string tb)
        {
            var run = TensorBoardExporter.Write(record, diagnosis, tb);
            output.WriteLine($"TensorBoard event files written to {run.Directory} (tensorboard --logdir {tb})");
        }
        if (fixScript is not null) WriteFixScript(modelPath, session.Spec, diagnosis, fixScript, output);
        if (recording is not null && !quiet) output.WriteLine(recording.Summary());
        if (!quiet) output.WriteLine($"Done in {sw.Elapsed.TotalSeconds:0.0} s.");
        return (result, diagnosis);
    }

    /// <summary>
    /// <c>--fix-script FILE</c>: walks the findings in rank order and each one's fixes in order until
    /// <see cref="KerasFixApplier"/> can write one into the imported model. For a script, <see cref="ScriptPatcher"/> then
    /// writes the fix into the user's own script: FILE is the patched script (it imports to exactly the fixed model),
    /// FILE.diff the unified diff against the original (<c>a/</c> and <c>b/</c> name the user's file, so
    /// <c>patch -p1</c> applies it in the script's folder), and FILE's <c>.keras3.py</c> sibling the fixed model as
    /// clean Keras 3 code. When the fix cannot be written into the script (or the model is JSON or .keras), FILE is the
    /// Keras 3 export and FILE.diff compares the exported code of the model as imported with the fixed one; the diff's
    /// first line and the console say so and why.
    /// </summary>
    internal static void WriteFixScript(string modelPath, KerasModelSpec spec, Diagnosis diagnosis, string path, TextWriter output)
    {
        var skipped = new List<string>();
        foreach (var finding in diagnosis.Findings)
        {
            var evidence = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (name, value) in finding.Evidence)
                if (value.Number is double n) evidence[name] = n;
            foreach (var fix in finding.Fixes)
            {
                var applied = KerasFixApplier.Apply(fix.Action, evidence, spec, fix.Keras, out string reason);
                if (applied is null)
                {
                    skipped.Add($"{finding.Code} {fix.Action}: {reason}");
                    continue;
                }
                output.WriteLine($"Fix applied: {finding.Code} {fix.Action} — {applied.Description}");
                string fixedCode = KerasCodeWriter.Write(applied.Spec);
                string userFile = Path.GetFileName(modelPath);
                ScriptPatch? patch = null;
                string whyNot;
                if (spec.SourceKind != ModelSourceKind.PythonScript)
                {
                    whyNot = $"{userFile} is not a Python script";
                }
                else
                {
                    string original = File.ReadAllText(modelPath);
                    patch = ScriptPatcher.Patch(original, userFile, applied.Spec);
                    whyNot = patch.Reason;
                    if (patch.Succeeded)
                    {
                        string keras3 = Keras3Sibling(path);
                        WriteAtomically(path, patch.Text!);
                        WriteAtomically(path + ".diff", UnifiedDiff.Create("a/" + userFile, original, "b/" + userFile, patch.Text!));
                        WriteAtomically(keras3, fixedCode);
                        output.WriteLine($"Patched script written to {path} ({userFile} with the fix), its diff against {userFile} to {path}.diff "
                            + $"(apply with patch -p1 in {userFile}'s folder), the fixed model as Keras 3 code to {keras3}");
                        if (SpecEquivalence.Difference(KerasScriptReader.Read(original, userFile), spec) is not null)
                            output.WriteLine("  note: the patch also writes the command-line overrides (--optimizer/--lr/--loss) into the script: the fix was chosen for the model as trained with them");
                        foreach (string note in patch.Notes) output.WriteLine($"  note: {note}");
                        return;
                    }
                }
                string name = Path.GetFileName(path);
                string diff = $"# {modelPath}: the fix {finding.Code} {fix.Action} could not be written into {userFile} itself ({whyNot}); "
                    + "this diff compares the exported Keras 3 code of the model as imported, with any command-line overrides (a/), "
                    + "with the fixed model (b/) — not against the original script\n"
                    + UnifiedDiff.Create("a/" + name, KerasCodeWriter.Write(spec), "b/" + name, fixedCode);
                WriteAtomically(path, fixedCode);
                WriteAtomically(path + ".diff", diff);
                output.WriteLine($"The fix could not be written into {userFile} itself ({whyNot}): "
                    + $"the fixed model as Keras 3 code written to {path}, its diff against the exported model as imported to {path}.diff");
                return;
            }
        }
        output.WriteLine($"No fix could be written into the model; {path} not written"
            + (skipped.Count > 0 ? ":" + string.Concat(skipped.Select(s => "\n  - " + s)) : " (no findings with fixes)."));
    }

    /// <summary>Where the Keras 3 export goes next to the patched script: <c>fixed.py</c> → <c>fixed.keras3.py</c>.</summary>
    private static string Keras3Sibling(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".keras3.py");

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    internal static void PrintNotes(TextWriter output, IReadOnlyList<ImportNote> importNotes, IReadOnlyList<string> notes, IReadOnlyList<string> problems)
    {
        if (importNotes.Count == 0 && notes.Count == 0 && problems.Count == 0) return;
        output.WriteLine();
        output.WriteLine("Import notes (defaults taken, skipped statements, data choices):");
        foreach (var n in importNotes) output.WriteLine($"  - [{n.Kind}] {n}");
        foreach (var n in notes) output.WriteLine($"  - {n}");
        foreach (var p in problems) output.WriteLine($"  - [problem] {p}");
    }
}
