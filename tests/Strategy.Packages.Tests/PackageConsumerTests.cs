using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Strategy.Packages.Tests;

/// <summary>
/// The packages as a downstream team gets them: a net8.0 service (the library's oldest .NET asset)
/// on a generic host, bound from configuration, calling a netstandard2.0 library in C# 7.3 (compiled
/// against the package's netstandard2.0 asset) that depends on the client interfaces, running
/// workflows against the emulator installed and started as the <c>strategy-emulator</c> .NET tool.
/// </summary>
[Category("Packaging")]
public sealed partial class PackageConsumerTests
{
    private static string RepoRoot => typeof(PackageConsumerTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    // A unique version, so no earlier package of the same version in the NuGet cache can stand in.
    private readonly string _version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
    private DirectoryInfo _work = null!;
    private string _feed = null!;

    [OneTimeSetUp]
    public async Task PackAsync()
    {
        _work = Directory.CreateTempSubdirectory("strategy-consumer-");
        _feed = Directory.CreateDirectory(Path.Combine(_work.FullName, "feed")).FullName;
        // Packed from the build this test's own was part of (every framework of the library was built first);
        // what a package holds does not depend on the configuration. A tool package publishes its
        // dependencies as it packs, so the emulator tool is packed with its (incremental) build.
        await RunAsync(RepoRoot, "dotnet", "pack", Path.Combine(RepoRoot, "src/Strategy.Generated/Strategy.Generated.csproj"), "-c", BuiltConfiguration, "--no-build", "-o", _feed, $"-p:Version={_version}", "--nologo");
        await RunAsync(RepoRoot, "dotnet", "pack", Path.Combine(RepoRoot, "src/Strategy.Emulator.Tool/Strategy.Emulator.Tool.csproj"), "-c", BuiltConfiguration, "-o", _feed, $"-p:Version={_version}", "--nologo");

        // The tool's precompiled packages for this platform and the portable one (each a build of its own, for
        // its platform): precompiling for the three other platforms would cost the suite a minute and prove
        // nothing these two do not (the list the tool ships for is checked below).
        await RunAsync(RepoRoot, "dotnet", "pack", Path.Combine(RepoRoot, "src/Strategy.Cli/Strategy.Cli.csproj"), "-c", BuiltConfiguration, "-o", _feed, $"-p:Version={_version}", $"-p:StrategyToolPlatforms={Platform} any", "--nologo");
    }

    [OneTimeTearDown]
    public void DeleteWork() => _work.Delete(recursive: true);

    [Test]
    public void The_package_has_three_assets_and_each_dependency_group_lists_what_its_asset_needs()
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, $"Strategy.Generated.{_version}.nupkg"));
        var assemblies = package.Entries.Select(e => e.FullName).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        using var nuspec = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        var ns = XNamespace.Get("http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd");
        var groups = XDocument.Load(nuspec).Descendants(ns + "group").ToDictionary(
            g => (string)g.Attribute("targetFramework")!,
            g => g.Elements(ns + "dependency").Select(d => (string)d.Attribute("id")!).Order(StringComparer.Ordinal).ToList());

        // Every asset: what the code calls, plus the two facades a netstandard2.0 caller's assembly names.
        string[] common = ["CsvHelper", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.TimeProvider", "Microsoft.Extensions.Configuration.Binder", "Microsoft.Extensions.Http", "Microsoft.Extensions.Logging.Abstractions", "Newtonsoft.Json", "Polly.Core"];
        Assert.Multiple(() =>
        {
            Assert.That(assemblies, Is.EqualTo(new[] { "lib/net10.0/Strategy.Generated.dll", "lib/net8.0/Strategy.Generated.dll", "lib/netstandard2.0/Strategy.Generated.dll" }));
            Assert.That(groups.Keys, Is.EquivalentTo(new[] { "net8.0", "net10.0", ".NETStandard2.0" }));
            Assert.That(groups["net8.0"], Is.EqualTo(common));
            Assert.That(groups["net10.0"], Is.EqualTo(common));
            // ActivitySource and Meter are in the framework from .NET 5; .NET Standard needs the package. Polyfill is source only.
            Assert.That(groups[".NETStandard2.0"], Is.EqualTo(common.Append("System.Diagnostics.DiagnosticSource").Order(StringComparer.Ordinal)));
        });
    }

    [Test]
    public void Every_package_carries_its_own_readme_for_consumers_without_repository_paths()
    {
        var packages = Directory.GetFiles(_feed, "*.nupkg");
        var readmes = Directory.GetFiles(Path.Combine(RepoRoot, "docs", "package"), "*.md").ToDictionary(file => Path.GetFileNameWithoutExtension(file), File.ReadAllText);
        Assert.That(packages, Has.Length.GreaterThanOrEqualTo(3));
        Assert.Multiple(() =>
        {
            foreach (var path in packages)
            {
                using var package = ZipFile.OpenRead(path);
                using var nuspec = new StreamReader(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
                var id = (string)XDocument.Parse(nuspec.ReadToEnd()).Descendants().Single(e => e.Name.LocalName == "id");
                var entry = package.GetEntry("README.md");
                Assert.That(entry, Is.Not.Null, id + " has a README");
                using var reader = new StreamReader(entry!.Open());
                var readme = reader.ReadToEnd();

                // A tool's platform packages (Strategy.Cli.linux-x64, Strategy.Cli.any) carry the tool's README.
                var own = readmes.Keys.Where(name => id == name || id.StartsWith(name + ".", StringComparison.Ordinal)).MaxBy(name => name.Length);
                Assert.That(own, Is.Not.Null, id + " has a README in docs/package/");
                Assert.That(readme, Is.EqualTo(readmes[own!]), id);
                Assert.That(System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((?!https?://)[^)]*\)").Select(m => m.Value), Is.Empty, id + ": no link that only works inside the repository");
                Assert.That(readme, Does.Not.Contain("artifacts/").And.Not.Contain("dotnet run --project"), id);
            }
        });
    }

    [Test]
    public async Task A_net8_service_and_its_netstandard2_library_run_PublishAndWaitAsync_against_the_emulator_tool()
    {
        var tools = Path.Combine(_work.FullName, "tools");
        await RunAsync(_work.FullName, "dotnet", "tool", "install", "Strategy.Emulator.Tool", "--tool-path", tools, "--add-source", _feed, "--version", _version);
        var help = await RunAsync(_work.FullName, Path.Combine(tools, "strategy-emulator"), "--help");

        // Outside the repository, so none of its Directory.Build.props, central versions or project references apply.
        var consumer = Directory.CreateDirectory(Path.Combine(_work.FullName, "consumer")).FullName;
        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        File.Copy(Path.Combine(template, "Consumer.csproj.template"), Path.Combine(consumer, "Consumer.csproj"));
        File.Copy(Path.Combine(template, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        var library = Directory.CreateDirectory(Path.Combine(consumer, "Refresh")).FullName;
        File.Copy(Path.Combine(template, "Refresh", "Refresh.csproj.template"), Path.Combine(library, "Refresh.csproj"));
        File.Copy(Path.Combine(template, "Refresh", "NightlyRefresh.cs"), Path.Combine(library, "NightlyRefresh.cs"));
        await File.WriteAllTextAsync(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="strategy-local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        await RunAsync(consumer, "dotnet", "build", Path.Combine(consumer, "Consumer.csproj"), $"-p:StrategyVersion={_version}", "--nologo");

        using var emulator = Start(_work.FullName, Path.Combine(tools, "strategy-emulator"), "--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--publish-duration", "0.2");
        try
        {
            var baseUrl = await ReadBaseUrlAsync(emulator);
            var output = await RunAsync(consumer, "dotnet", "run", "--no-build", "--project", Path.Combine(consumer, "Consumer.csproj"), "--",
                $"--Strategy:BaseUrl={baseUrl}", "--Strategy:ProjectId=B7CA92F04B9FAE8D941C3E9B7E0CD754",
                "--Strategy:Username=administrator", "--Strategy:Password=", "--DataModelId=9F4772B837604551B4D3CC916ADC5598");

            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain("consumer ok: status 0, tables 3, fake 0, script tables 3, spec 2025.08.0"));
                Assert.That(help, Does.Contain("POST   /__emulator/faults").And.Contain("--server-version"));
                var assets = File.ReadAllText(Path.Combine(consumer, "obj", "project.assets.json"));
                Assert.That(assets, Does.Contain($"Strategy.Generated/{_version}"), "the consumer restored the package, not a project");
                Assert.That(assets, Does.Contain("lib/net8.0/Strategy.Generated.dll"), "the net8.0 asset");
                var libraryAssets = File.ReadAllText(Path.Combine(library, "obj", "project.assets.json"));
                Assert.That(libraryAssets, Does.Contain("lib/netstandard2.0/Strategy.Generated.dll"), "the library compiled against the netstandard2.0 asset");
                Assert.That(libraryAssets, Does.Contain("System.Diagnostics.DiagnosticSource/10.0.12"), "with that asset's own dependency group");
            });
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }
    }

    [Test]
    public async Task The_strategy_tool_installs_as_the_ReadyToRun_package_of_this_platform_and_runs()
    {
        var tools = Path.Combine(_work.FullName, "cli-tools");
        await RunAsync(_work.FullName, "dotnet", "tool", "install", "Strategy.Cli", "--tool-path", tools, "--add-source", _feed, "--version", _version);
        var help = await RunAsync(_work.FullName, Path.Combine(tools, "strategy"), "--help");

        var platform = Platform;
        var shipped = (await RunAsync(RepoRoot, "dotnet", "msbuild", Path.Combine(RepoRoot, "src/Strategy.Cli/Strategy.Cli.csproj"), "-getProperty:RuntimeIdentifiers", "-p:_IsPacking=true", "-nologo")).Trim();
        var installed = Directory.GetFiles(Path.Combine(tools, ".store"), "strategy.dll", SearchOption.AllDirectories).Single();
        using var portable = ZipFile.OpenRead(Path.Combine(_feed, $"Strategy.Cli.any.{_version}.nupkg"));
        var portableEntry = portable.Entries.Single(e => e.Name == "strategy.dll");
        var portableCopy = Path.Combine(_work.FullName, "portable-strategy.dll");
        portableEntry.ExtractToFile(portableCopy);

        Assert.Multiple(() =>
        {
            Assert.That(shipped.Split(';'), Is.EquivalentTo(new[] { "linux-x64", "linux-arm64", "osx-arm64", "win-x64", "any" }), "the platforms the tool ships for, and the portable package");
            Assert.That(
                Directory.GetFiles(_feed, "Strategy.Cli*.nupkg").Select(Path.GetFileName),
                Is.EquivalentTo(new[] { "", ".any", "." + platform }.Select(rid => $"Strategy.Cli{rid}.{_version}.nupkg")),
                "a pointer package, this platform's and the portable one");
            Assert.That(installed, Does.Contain($"strategy.cli.{platform}"), "dotnet tool install picked this platform's package");
            Assert.That(IsReadyToRun(installed), Is.True, "the command is precompiled");
            Assert.That(IsReadyToRun(Path.Combine(Path.GetDirectoryName(installed)!, "Strategy.Generated.dll")), Is.True, "and so is the library it runs");
            Assert.That(IsReadyToRun(portableCopy), Is.False, "the portable package is plain IL, for any platform");
            Assert.That(help, Does.Contain("strategy: run Strategy"));
        });
    }

    /// <summary>The configuration this test was built in, and the solution with it (Debug for the README's command).</summary>
    private static string BuiltConfiguration => typeof(PackageConsumerTests).Assembly.GetCustomAttribute<System.Reflection.AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>This machine's platform, as the tool's packages name it (linux-x64).</summary>
    private static string Platform => System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;

    /// <summary>Whether an assembly carries ReadyToRun native code (a managed native header).</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var stream = File.OpenRead(assembly);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
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
