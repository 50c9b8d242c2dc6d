using System.Globalization;

namespace Convergent.Nn;

/// <summary>
/// Keras's console progress (verbose=1: <c>38/250 ━━━━━━━━━━━━━━━━━━━━ 2s 9ms/step - accuracy: 0.91 - loss: 0.30</c>
/// redrawn in place; verbose=2: one line per epoch).
/// </summary>
internal sealed class ProgressBar(TextWriter output, int steps, int verbose)
{
    private const int Width = 20;
    private TimeSpan _lastDraw = TimeSpan.MinValue;
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    public void Update(int step, Logs logs, TimeSpan elapsed)
    {
        if (verbose != 1 || !_interactive) return;
        // redraw at most 20 times a second, as Keras throttles its bar
        if (step < steps && elapsed - _lastDraw < TimeSpan.FromMilliseconds(50)) return;
        _lastDraw = elapsed;
        double perStep = elapsed.TotalSeconds / step;
        var eta = TimeSpan.FromSeconds(perStep * (steps - step));
        output.Write("\r" + Line(step, $"ETA {Format(eta)}", logs) + "   ");
    }

    public void EndEpoch(Logs logs, TimeSpan elapsed)
    {
        if (verbose == 0) return;
        double ms = steps > 0 ? elapsed.TotalMilliseconds / steps : 0;
        string timing = $"{Format(elapsed)} {ms.ToString("0", CultureInfo.InvariantCulture)}ms/step";
        if (verbose == 1) output.WriteLine((_interactive ? "\r" : "") + Line(steps, timing, logs));
        else output.WriteLine($"{steps}/{steps} - {timing} - {new Logs(logs.Where(e => e.Key != "learning_rate"))}");
    }

    private string Line(int step, string timing, Logs logs)
    {
        // Keras's bar shows losses and metrics; the learning rate stays in the history only
        logs = new Logs(logs.Where(e => e.Key != "learning_rate"));
        int filled = steps == 0 ? Width : (int)Math.Round(Width * (double)step / steps);
        string bar = new string('━', filled) + new string('─', Width - filled);
        string width = steps.ToString(CultureInfo.InvariantCulture);
        return $"{step.ToString(CultureInfo.InvariantCulture).PadLeft(width.Length)}/{width} {bar} {timing} - {logs}";
    }

    private static string Format(TimeSpan t) =>
        t.TotalSeconds >= 1 ? $"{Math.Round(t.TotalSeconds):0}s" : $"{Math.Round(t.TotalMilliseconds):0}ms";
}
