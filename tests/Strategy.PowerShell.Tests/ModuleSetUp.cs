using System.Diagnostics;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// Publishes the module once for the whole suite, as a user does (<c>dotnet publish
/// src/Strategy.PowerShell -o dir</c>, from what the build made), so the tests import the folder
/// users get.
/// </summary>
[SetUpFixture]
public sealed class ModuleSetUp
{
    /// <summary>The published module's manifest.</summary>
    public static string ManifestPath { get; private set; } = string.Empty;

    /// <summary>The folder the module is published to; its parent can go on PSModulePath.</summary>
    public static string ModuleDirectory => Path.GetDirectoryName(ManifestPath)!;

    [OneTimeSetUp]
    public async Task PublishModuleAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "published-module", "Strategy.PowerShell");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var (exitCode, text) = await RunAsync("dotnet", "publish", Path.Combine(TestPaths.RepoRoot, "src", "Strategy.PowerShell", "Strategy.PowerShell.csproj"), "-c", TestPaths.Configuration, "--no-build", "-o", output, "-v", "q", "-nologo");
        Assert.That(exitCode, Is.Zero, text);
        ManifestPath = Path.Combine(output, "Strategy.PowerShell.psd1");
        Assert.That(ManifestPath, Does.Exist, text);
    }

    /// <summary>Runs a program to its end; answers its exit code and everything it wrote.</summary>
    internal static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = TestPaths.RepoRoot };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await error);
    }
}
