namespace Convergent.Diagnostics;

/// <summary>How bad a finding is (findings.md): <see cref="Error"/> — training cannot succeed as set up;
/// <see cref="Warning"/> — training is hurt; <see cref="Info"/> — worth knowing. A healthy run has no error and
/// no warning.</summary>
public enum Severity
{
    Info,
    Warning,
    Error,
}
