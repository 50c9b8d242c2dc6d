namespace Convergent.Keras.Catalog;

/// <summary>
/// What normalization needs from its caller: where the call is (for errors and warnings), whether the input
/// is a hand-written script (unknown arguments are errors) or machine-written JSON (unknown keys are
/// warnings), and sinks for warnings and Keras 1 spellings seen.
/// </summary>
internal sealed class NormalizeContext(string file, bool isJson, List<KerasImportWarning> warnings)
{
    public string File { get; } = file;

    public bool IsJson { get; } = isJson;

    public List<KerasImportWarning> Warnings { get; } = warnings;

    /// <summary>The statement or call text used in errors and <see cref="SourceRef"/>s.</summary>
    public string SourceText { get; set; } = "";

    /// <summary>Where the call starts (for warnings not tied to one argument).</summary>
    public ArgSite CallSite { get; set; }

    /// <summary>Set when a Keras 1 spelling was normalized.</summary>
    public bool SawKeras1Spelling { get; set; }

    /// <summary>A prefix for reasons in script mode, e.g. <c>Conv2D argument 'filters': </c>; JSON paths name the
    /// argument already.</summary>
    public KerasImportException Fail(ArgSite site, string owner, string? argument, string reason, string? hint = null)
    {
        string full = IsJson || argument is null ? reason : $"{owner} argument '{argument}': {reason}";
        if (IsJson && site.JsonPath is null && argument is not null)
        {
            full = $"{owner} argument '{argument}': {reason}";
        }

        return new KerasImportException(File, site.Line, site.Column, IsJson ? "" : SourceText, full, hint,
            site.JsonPath);
    }

    public void Warn(ArgSite site, string message) =>
        Warnings.Add(new KerasImportWarning(Ref(site), message));

    public SourceRef Ref(ArgSite site) =>
        site.JsonPath is not null
            ? new SourceRef(File, 0, 0, "") { JsonPath = site.JsonPath }
            : new SourceRef(File, site.Line, site.Column, SourceText);
}
