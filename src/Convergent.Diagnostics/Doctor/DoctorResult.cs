using Convergent.Nn;

namespace Convergent.Diagnostics;

/// <summary>What a doctor run produced: the record, the diagnosis, the trained model and Keras's history.</summary>
public sealed record DoctorResult(RunRecord Record, Diagnosis Diagnosis, Model Model, History? History)
{
    /// <summary>Rules or quick probes that failed (their findings are missing); empty in a sound run.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
