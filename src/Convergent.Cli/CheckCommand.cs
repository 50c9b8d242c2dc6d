using System.CommandLine;
using Convergent.Diagnostics;
using Convergent.Reports;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent check MODEL [--data DATA] [--json FILE]</c>: imports and builds the model and runs the
/// before-training checks without taking a step.
/// </summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("MODEL") { Description = "A Keras script (.py), a model JSON (.json) or a .keras archive" };
        var data = new Option<string?>("--data") { Description = "builtin:NAME, a .npz or .csv file, or a folder (optional)" };
        var target = new Option<string?>("--target") { Description = "CSV target column (name or index; default: last)" };
        var seed = new Option<int>("--seed") { Description = "Seed for initialization", DefaultValueFactory = _ => 1337 };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (convergent.report/1) to this file" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with status 3 when findings of this severity exist: error or warning" };
        var cmd = new Command("check", "Import and build MODEL and run the before-training checks (no training)") { model, data, target, seed, json, failOn };
        cmd.SetAction(r => Program.Guard(() => Run(r.GetValue(model)!, r.GetValue(data), r.GetValue(target), r.GetValue(seed),
            r.GetValue(json), FailOn.Parse(r.GetValue(failOn)))));
        return cmd;
    }

    private static int Run(string modelPath, string? dataSpec, string? target, int seed, string? json, Severity? failOn)
    {
        var session = ModelSession.Open(modelPath, new Overrides(), seed);
        if (dataSpec is not null) session.LoadData(dataSpec, target);
        var imported = session.Build();
        var output = Console.Out;
        imported.Model.Output = output;
        imported.Model.Summary();
        var fit = session.Fit(imported, new Overrides(), 0);
        var result = new Doctor(new DoctorOptions { Source = modelPath, QuickProbes = [] }).Check(imported.Model, session.X, session.Y, fit);
        output.WriteLine();
        ConsoleReport.Render(result.Record, result.Diagnosis, output);
        DoctorCommand.PrintNotes(output, imported.Notes, session.Notes, result.Problems);
        if (json is not null) ReportWriter.WriteFile(result.Record, result.Diagnosis, json);
        return FailOn.ExitCode(result.Diagnosis, failOn);
    }
}
