using System.Text.RegularExpressions;

namespace Convergent.Diagnostics.Tests;

public class RulesRegistryTests
{
    /// <summary>Codes and phases as findings.md lists them, read from its three tables.</summary>
    private static List<(string Code, Phase Phase)> ReadSpec(string path)
    {
        var result = new List<(string, Phase)>();
        Phase? phase = null;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                phase = line.StartsWith("## Before", StringComparison.Ordinal) ? Phase.Before
                    : line.StartsWith("## During", StringComparison.Ordinal) ? Phase.During
                    : line.StartsWith("## After", StringComparison.Ordinal) ? Phase.After : null;
            var m = Regex.Match(line, @"^\|\s*`([A-Z_]+)`\s*\|");
            if (m.Success && phase is Phase p) result.Add((m.Groups[1].Value, p));
        }
        return result;
    }

    [Fact]
    public void RulesAll_CoversExactlyTheCodesOfFindingsMd_InOrder()
    {
        var spec = ReadSpec(Fixture.Path("specs", "findings.md"));
        Assert.Equal(33, spec.Count);
        Assert.Equal(spec.Select(s => s.Code), Rules.All.Select(r => r.Code));
    }

    [Fact]
    public void FindingCodeAll_MatchesFindingsMd_WithPhases()
    {
        var spec = ReadSpec(Fixture.Path("specs", "findings.md"));
        Assert.Equal(spec, FindingCode.All.Select(c => (c.Code, c.Phase)).ToList());
        foreach (var r in Rules.All) Assert.Equal(FindingCode.PhaseOf(r.Code), r.Phase);
    }

    [Fact]
    public void FindingsMdCopy_EqualsSharedSpec_WhenSharedIsPresent()
    {
        var shared = Fixture.SharedFile("specs", "findings.md");
        if (shared is null) return;   // CI without ../shared: the copy is the reference
        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(Fixture.Path("specs", "findings.md")));
    }

    [Fact]
    public void RulesAll_ReturnsFreshInstances_OneClassPerCode_NamedAfterIt()
    {
        var a = Rules.All; var b = Rules.All;
        Assert.All(a.Zip(b), p => Assert.NotSame(p.First, p.Second));
        Assert.Equal(a.Count, a.Select(r => r.GetType()).Distinct().Count());
        foreach (var r in a)
        {
            // DEAD_RELU ↔ DeadReluRule
            string expected = string.Concat(r.Code.Split('_').Select(w => w[0] + w[1..].ToLowerInvariant())) + "Rule";
            Assert.Equal(expected, r.GetType().Name);
        }
    }

    [Fact]
    public void Finding_UnknownCode_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new Finding("NOT_A_CODE", Severity.Error, "x"));
        Assert.Contains("NOT_A_CODE", e.Message);
    }
}
