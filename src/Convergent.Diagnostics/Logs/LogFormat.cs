namespace Convergent.Diagnostics.Logs;

/// <summary>The kinds of training logs the doctor reads.</summary>
public enum LogFormat
{
    /// <summary>Keras console output (any version's epoch lines, progress bars included).</summary>
    Console,
    /// <summary>A Keras <c>CSVLogger</c> file (<c>epoch,acc,loss,val_acc,val_loss</c>).</summary>
    Csv,
    /// <summary>A JSON history (<c>{"loss": […], "val_loss": […]}</c>, optionally under <c>"history"</c>).</summary>
    Json,
}
