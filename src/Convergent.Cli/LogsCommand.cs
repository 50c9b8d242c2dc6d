using System.CommandLine;
using Convergent.Diagnostics;
using Convergent.Diagnostics.Logs;
using Convergent.Reports;

namespace Convergent.Cli;

/// <summary>
/// <c>convergent logs FILE [--json FILE]</c>: diagnoses a training from its log alone — Keras console output of any
/// version, a CSVLogger file or a JSON history — with the after-training rules, and prints the ranked findings.
/// </summary>
internal static class LogsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Keras console output, a CSVLogger file or a JSON history" };
        var json = new Option<string?>("--json") { Description = "Write the JSON report (convergent.report/1) to this file" };
        var failOn = new Option<string?>("--fail-on") { Description = "Exit with status 3 when findings of this severity exist: error or warning" };
        var cmd = new Command("logs", "Diagnose a training from its log alone") { file, json, failOn };
        cmd.SetAction(r => Program.Guard(() => Run(r.GetValue(file)!, r.GetValue(json), FailOn.Parse(r.GetValue(failOn)))));
        return cmd;
    }

    private static int Run(string path, string? json, Severity? failOn)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file (expected a Keras log, a CSVLogger file or a JSON history)");
        var record = KerasLog.Read(path);
        var diagnosis = RuleEngine.DiagnoseRecord(record);
        ConsoleReport.Render(record, diagnosis, Console.Out);
        if (json is not null) ReportWriter.WriteFile(record, diagnosis, json);
        return FailOn.ExitCode(diagnosis, failOn);
    }
}
