using System.Diagnostics;

namespace Strategy.Generated.Tests.Build;

/// <summary>Runs a build command (dotnet) to its end, as a developer would from a shell.</summary>
internal static class BuildProcess
{
    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>; answers its exit code and everything it wrote.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string fileName, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), fileName, arguments);

    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added to its environment.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
