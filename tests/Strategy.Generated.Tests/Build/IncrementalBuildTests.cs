using System.Reflection;

namespace Strategy.Generated.Tests.Build;

/// <summary>NSwag runs at build time, into obj/ only, and not again when nothing it reads changed.</summary>
[Category("Build")]
public sealed class IncrementalBuildTests
{
    private static string RepoRoot => typeof(IncrementalBuildTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static string LibraryProject => Path.Combine(RepoRoot, "src", "Strategy.Generated", "Strategy.Generated.csproj");

    [Test]
    public async Task NSwag_is_skipped_when_the_spec_has_not_changed_since_the_last_build()
    {
        var configuration = typeof(IncrementalBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

        var output = await RunAsync("dotnet", "msbuild", LibraryProject, "-t:GenerateStrategyClients", $"-p:Configuration={configuration}", "-p:TargetFramework=net10.0", "-v:detailed", "-nologo");

        Assert.That(output, Does.Contain("Skipping target \"GenerateStrategyClients\" because all output files are up-to-date"));
    }

    [TestCase("net8.0")]
    [TestCase("netstandard2.0")]
    public async Task Every_target_framework_compiles_the_one_file_the_net10_build_generated(string framework)
    {
        var configuration = typeof(IncrementalBuildTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var shared = Path.Combine(RepoRoot, "src", "Strategy.Generated", "obj", configuration, "nswag", "StrategyClients.g.cs");

        // The other frameworks' builds ask the net10.0 build for the file instead of running NSwag themselves.
        var output = await RunAsync("dotnet", "msbuild", LibraryProject, "-t:IncludeStrategyClients", $"-p:Configuration={configuration}", $"-p:TargetFramework={framework}", "-v:detailed", "-nologo");

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(shared), Is.True);
            Assert.That(output, Does.Contain("Target \"RequestStrategyClients\""));
            Assert.That(output, Does.Contain("Skipping target \"GenerateStrategyClients\" because all output files are up-to-date"));
            Assert.That(Directory.EnumerateFiles(Path.Combine(RepoRoot, "src", "Strategy.Generated", "obj", configuration), "StrategyClients.g.cs", SearchOption.AllDirectories), Is.EqualTo(new[] { shared }), "one file per configuration, no copy per framework");
        });
    }

    [Test]
    public void Generated_clients_are_written_under_obj_and_nowhere_in_the_source_tree()
    {
        var generated = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "StrategyClients.g.cs", SearchOption.AllDirectories).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(generated, Is.Not.Empty);
            Assert.That(generated, Has.All.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));
        });
    }

    private static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var (exitCode, output) = await BuildProcess.RunAsync(RepoRoot, fileName, arguments);
        Assert.That(exitCode, Is.Zero, output);
        return output;
    }
}
