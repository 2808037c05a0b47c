using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Strategy.Packages.Tests;

/// <summary>
/// The packages as a downstream team gets them: a net8.0 service (the library's oldest asset) on a
/// generic host, bound from configuration, depending on the client interfaces, running a workflow
/// against the emulator installed and started as the <c>strategy-emulator</c> .NET tool.
/// </summary>
[Category("Packaging")]
public sealed partial class PackageConsumerTests
{
    private static string RepoRoot => typeof(PackageConsumerTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Test]
    public async Task A_net8_service_on_a_generic_host_runs_PublishAndWaitAsync_through_the_interfaces_against_the_emulator_tool()
    {
        // A unique version, so no earlier package of the same version in the NuGet cache can stand in.
        var version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("strategy-consumer-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            foreach (var project in new[] { "src/Strategy.Generated/Strategy.Generated.csproj", "src/Strategy.Emulator.Tool/Strategy.Emulator.Tool.csproj" })
            {
                await RunAsync(RepoRoot, "dotnet", "pack", Path.Combine(RepoRoot, project), "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo");
            }

            var tools = Path.Combine(work.FullName, "tools");
            await RunAsync(work.FullName, "dotnet", "tool", "install", "Strategy.Emulator.Tool", "--tool-path", tools, "--add-source", feed, "--version", version);
            var help = await RunAsync(work.FullName, Path.Combine(tools, "strategy-emulator"), "--help");

            // Outside the repository, so none of its Directory.Build.props, central versions or project references apply.
            var consumer = Directory.CreateDirectory(Path.Combine(work.FullName, "consumer")).FullName;
            var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
            File.Copy(Path.Combine(template, "Consumer.csproj.template"), Path.Combine(consumer, "Consumer.csproj"));
            File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
            await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="strategy-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            await RunAsync(consumer, "dotnet", "build", Path.Combine(consumer, "Consumer.csproj"), $"-p:StrategyVersion={version}", "--nologo");

            using var emulator = Start(work.FullName, Path.Combine(tools, "strategy-emulator"), "--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--publish-duration", "0.2");
            try
            {
                var baseUrl = await ReadBaseUrlAsync(emulator);
                var output = await RunAsync(consumer, "dotnet", "run", "--no-build", "--project", Path.Combine(consumer, "Consumer.csproj"), "--",
                    $"--Strategy:BaseUrl={baseUrl}", "--Strategy:ProjectId=B7CA92F04B9FAE8D941C3E9B7E0CD754",
                    "--Strategy:Username=administrator", "--Strategy:Password=", "--DataModelId=9F4772B837604551B4D3CC916ADC5598");

                Assert.Multiple(() =>
                {
                    Assert.That(output, Does.Contain("consumer ok: status 0, tables 3, fake 0, spec 2025.08.0"));
                    Assert.That(help, Does.Contain("POST   /__emulator/faults").And.Contain("--server-version"));
                    var assets = File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json"));
                    Assert.That(assets, Does.Contain($"Strategy.Generated/{version}"), "the consumer restored the package, not a project");
                    Assert.That(assets, Does.Contain("lib/net8.0/Strategy.Generated.dll"), "the net8.0 asset");
                });
            }
            finally
            {
                emulator.Kill(entireProcessTree: true);
                await emulator.WaitForExitAsync();
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Process Start(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>The address the tool prints when it is listening (it picked a free port).</summary>
    private static async Task<string> ReadBaseUrlAsync(Process emulator)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await emulator.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (ListeningPattern().Match(line) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }
        }

        Assert.Fail($"strategy-emulator exited without listening: {await emulator.StandardError.ReadToEndAsync()}");
        return string.Empty;
    }

    [GeneratedRegex(@"listening on (\S+)")]
    private static partial Regex ListeningPattern();

    private static async Task<string> RunAsync(string workingDirectory, string fileName, params string[] arguments)
    {
        using var process = Start(workingDirectory, fileName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.Zero, $"{fileName} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }
}
