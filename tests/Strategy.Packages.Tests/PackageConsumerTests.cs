using System.Diagnostics;
using System.Reflection;

namespace Strategy.Packages.Tests;

[Category("Packaging")]
public sealed class PackageConsumerTests
{
    private static string RepoRoot => typeof(PackageConsumerTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    [Test]
    public async Task A_separate_project_using_the_packages_runs_PublishAndWaitAsync_against_the_packaged_emulator()
    {
        // A unique version, so no earlier package of the same version in the NuGet cache can stand in.
        var version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var work = Directory.CreateTempSubdirectory("strategy-consumer-");
        try
        {
            var feed = Directory.CreateDirectory(Path.Combine(work.FullName, "feed")).FullName;
            foreach (var project in new[] { "src/Strategy.Generated/Strategy.Generated.csproj", "src/Strategy.Emulator/Strategy.Emulator.csproj" })
            {
                await RunAsync(RepoRoot, "dotnet", "pack", Path.Combine(RepoRoot, project), "-c", "Release", "-o", feed, $"-p:Version={version}", "--nologo");
            }

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

            var output = await RunAsync(consumer, "dotnet", "run", "--project", Path.Combine(consumer, "Consumer.csproj"), $"-p:StrategyVersion={version}");

            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain("consumer ok: status 0, tables 3, open instances 0, spec 2025.08.0"));
                Assert.That(File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json")), Does.Contain($"Strategy.Generated/{version}"),
                    "the consumer restored the package, not a project");
            });
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string workingDirectory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.Zero, $"{fileName} {string.Join(' ', arguments)}:\n{output}");
        return output;
    }
}
