using System.Reflection;

namespace Strategy.PowerShell.Tests;

/// <summary>Where the repository's build outputs are, as this test assembly was built.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = Metadata("RepoRoot");

    public static string Configuration { get; } = Metadata("Configuration");

    /// <summary>The emulator program, built with this suite.</summary>
    public static string EmulatorProgram { get; } = Path.Combine(RepoRoot, "src", "Strategy.Emulator", "bin", Configuration, "net10.0", "Strategy.Emulator.dll");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
