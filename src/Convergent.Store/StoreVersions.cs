using System.Reflection;
using System.Runtime.InteropServices;

namespace Convergent.Store;

/// <summary>The versions recorded with every run, so a run can be traced to the software that made it.</summary>
public static class StoreVersions
{
    /// <summary>This assembly's informational version without build metadata (e.g. <c>1.0.0</c>).</summary>
    public static string Tool { get; } =
        (typeof(StoreVersions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>The .NET runtime, e.g. <c>.NET 10.0.0</c>.</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>The operating system and architecture.</summary>
    public static string Os => $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
}
