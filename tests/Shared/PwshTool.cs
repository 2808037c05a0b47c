using System.Diagnostics;

namespace Strategy.Tests.Shared;

/// <summary>
/// pwsh, the PowerShell .NET tool of the repository's manifest (dotnet-tools.json): restored with
/// <c>dotnet tool restore</c>, then run as <c>dotnet pwsh.dll</c> so a signal reaches PowerShell
/// itself rather than the tool's launcher.
/// </summary>
internal static class PwshTool
{
    private const string Version = "7.6.9";
    private static readonly SemaphoreSlim Restoring = new(1, 1);

    /// <summary>Restores the repository's tools (in <paramref name="repoRoot"/>) and answers the path of pwsh.dll.</summary>
    public static async Task<string> LocateAsync(string repoRoot)
    {
        await Restoring.WaitAsync();
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repoRoot };
            start.ArgumentList.Add("tool");
            start.ArgumentList.Add("restore");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(limit.Token);
            Assert.That(process.ExitCode, Is.Zero, "dotnet tool restore could not restore PowerShell (dotnet-tools.json), which the module's tests run in; it needs the NuGet feed: " + await output + await error);
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var pwsh = Path.Combine(packages, "powershell", Version, "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
            Assert.That(pwsh, Does.Exist, "dotnet tool restore put PowerShell in the NuGet cache");
            return pwsh;
        }
        finally
        {
            Restoring.Release();
        }
    }
}
