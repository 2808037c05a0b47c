using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Tests.Build;

/// <summary>
/// One operation added to the spec of a copy of the repository, and nothing else (the change the
/// generator's and the emulator's spec change tests make): after the team records the public API, the
/// copy's <c>strategy</c> has its command, its module has its cmdlet in pwsh, its emulator serves it, and
/// the reference pages, written again as the docs say (<c>STRATEGY_UPDATE_DOCS=1</c>), list both.
/// </summary>
[Category("Build")]
[NonParallelizable]
public sealed partial class SpecChangeToolsTests
{
    private const string Password = "Pa55-w0rd!spec-change";
    private const string ConnectionId = "DB02000000000000000000000000000C";
    private const string Command = "monitors get-database-connection-instance";
    private const string Cmdlet = "Get-StrategyDatabaseConnectionInstance";
    private const string Summary = "Gets one database connection instance.";

    private string _copy = null!;
    private (int ExitCode, string Output) _record;
    private (int ExitCode, string Output) _commandReference;
    private (int ExitCode, string Output) _cmdletReference;
    private Process? _emulator;
    private string _baseUrl = string.Empty;

    private static string RepoRoot => typeof(SpecChangeToolsTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private string Cli => Path.Combine(_copy, "src", "Strategy.Cli", "bin", "Debug", "net10.0", "strategy.dll");

    private string ModuleManifest => Path.Combine(_copy, "tests", "Strategy.PowerShell.Tests", "bin", "Debug", "net10.0", "published-module", "Strategy.PowerShell", "Strategy.PowerShell.psd1");

    [OneTimeSetUp]
    public async Task BuildTheToolsOfACopyAsync()
    {
        _copy = RepositoryCopy.Make(
            RepoRoot,
            "strategy-spec-tools",
            ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "nuget.config", "global.json", "README.md", "dotnet-tools.json", ".editorconfig", "tests/Directory.Build.props", "tests/tests.runsettings"],
            ["spec", "src", "generators", "docs", "tests/Shared", "tests/Strategy.Cli.Tests", "tests/Strategy.PowerShell.Tests"]);

        var spec = Path.Combine(_copy, "spec", "strategy.openapi.yaml");
        await File.WriteAllTextAsync(spec, SpecChange.AddTo(await File.ReadAllTextAsync(spec)));

        // As a team does after a spec change: record the new members the API guard asks for, then write the
        // reference pages again with the documentation tests (which build the command and the module).
        _record = await BuildProcess.RunAsync(_copy, "dotnet", "build", "src/Strategy.Generated", "-t:RecordPublicApi", "-nologo", "-v:q");
        var update = new Dictionary<string, string> { ["STRATEGY_UPDATE_DOCS"] = "1" };
        _commandReference = await BuildProcess.RunAsync(_copy, update, "dotnet", "test", "tests/Strategy.Cli.Tests", "-nologo", "--filter", "FullyQualifiedName~CliDocumentationTests.The_command_reference_is_written_from_the_spec");
        _cmdletReference = await BuildProcess.RunAsync(_copy, update, "dotnet", "test", "tests/Strategy.PowerShell.Tests", "-nologo", "--filter", "FullyQualifiedName~DocumentationTests.The_cmdlet_reference_is_written_from_the_spec");
        Assert.That(_record.ExitCode, Is.Zero, "the copy's public API was recorded: " + _record.Output);
        Assert.That(_commandReference.ExitCode, Is.Zero, "the copy's command reference was written: " + _commandReference.Output);
        Assert.That(_cmdletReference.ExitCode, Is.Zero, "the copy's cmdlet reference was written: " + _cmdletReference.Output);

        // The copy's own emulator program, built by the documentation tests with the changed spec inside it.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(_copy, "src", "Strategy.Emulator", "bin", "Debug", "net10.0", "Strategy.Emulator.dll"), "--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--password", Password })
        {
            start.ArgumentList.Add(arg);
        }

        _emulator = Process.Start(start)!;
        var line = await _emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty;
        var listening = Listening().Match(line);
        Assert.That(listening.Success, Is.True, "the copy's emulator started: " + line);
        _baseUrl = listening.Groups[1].Value;
        _ = _emulator.StandardOutput.ReadToEndAsync();
        _ = _emulator.StandardError.ReadToEndAsync();
    }

    [OneTimeTearDown]
    public void StopAndDeleteTheCopy()
    {
        if (_emulator is { HasExited: false })
        {
            _emulator.Kill(entireProcessTree: true);
            _emulator.WaitForExit();
        }

        _emulator?.Dispose();
        RepositoryCopy.Delete(_copy);
    }

    [Test]
    public void The_record_adds_the_operations_method_and_nothing_else_was_edited()
    {
        var unshipped = File.ReadAllLines(Path.Combine(_copy, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt"))
            .Except(File.ReadAllLines(Path.Combine(RepoRoot, "src", "Strategy.Generated", "PublicAPI.Unshipped.txt")));

        Assert.That(unshipped, Has.Some.Contains("MonitorsClient.GetDatabaseConnectionInstanceAsync("));
    }

    [Test]
    public async Task The_command_has_the_specs_words_and_calls_the_emulators_store()
    {
        var help = await RunCliAsync([.. Command.Split(' '), "--help"]);
        var found = await RunCliAsync([.. Command.Split(' '), ConnectionId, "--json"]);
        var missing = await RunCliAsync([.. Command.Split(' '), "NO-SUCH-CONNECTION"]);

        Assert.Multiple(() =>
        {
            Assert.That(help.Output, Does.Contain(Summary).And.Contain("<connection-id>"), "its help is the spec's");
            Assert.That(found.ExitCode, Is.Zero, found.Output);
            Assert.That(found.Output, Does.Contain("\"userName\":\"designer\"").Or.Contain("\"userName\": \"designer\""), "the store's seeded connection");
            Assert.That(missing.ExitCode, Is.EqualTo(1), missing.Output);
            Assert.That(missing.Output, Does.Contain("ERR004"), "the server's own error, as the store answers it");
            Assert.That(found.Output + missing.Output, Does.Not.Contain(Password));
        });
    }

    [Test]
    public async Task The_cmdlet_has_the_specs_help_in_pwsh_and_writes_the_typed_object()
    {
        var pwsh = await PwshTool.LocateAsync(RepoRoot);
        var script = $$"""
            Import-Module '{{ModuleManifest}}' -ErrorAction Stop
            $credential = [pscredential]::new('administrator', (ConvertTo-SecureString $env:STRATEGY_TEST_PASSWORD -AsPlainText -Force))
            Connect-StrategyServer '{{_baseUrl}}' B7CA92F04B9FAE8D941C3E9B7E0CD754 -Credential $credential | Out-Null
            'synopsis: ' + (Get-Help {{Cmdlet}}).Synopsis
            $connection = {{Cmdlet}} {{ConnectionId}} -ErrorAction Stop
            'type: ' + $connection.PSObject.TypeNames[0]
            'user: ' + $connection.UserName
            try { {{Cmdlet}} NO-SUCH-CONNECTION -ErrorAction Stop } catch { 'missing: ' + $_.CategoryInfo.Category + ' ' + $_.Exception.Message }
            """;
        var (exitCode, output) = await BuildProcess.RunAsync(_copy, new Dictionary<string, string> { ["STRATEGY_TEST_PASSWORD"] = Password }, "dotnet", pwsh, "-NoProfile", "-NonInteractive", "-Command", script);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("synopsis: " + Summary), "Get-Help shows the spec's summary");
            Assert.That(output, Does.Contain("type: Strategy.Generated.DatabaseConnectionInstance"), "an object named as the library's model, not text");
            Assert.That(output, Does.Contain("user: designer"));
            Assert.That(output, Does.Contain("missing: ObjectNotFound").And.Contain("ERR004"), "a missing connection is the cmdlet's error record, in the server's words");
            Assert.That(output, Does.Not.Contain(Password));
        });
    }

    [Test]
    public void Both_reference_pages_list_it_once_written_again_as_the_docs_say()
    {
        var commands = File.ReadAllText(Path.Combine(_copy, "docs", "reference", "commands.md"));
        var cmdlets = File.ReadAllText(Path.Combine(_copy, "docs", "reference", "cmdlets.md"));
        var row = "GetDatabaseConnectionInstance (`GET /api/monitors/dbConnectionInstances/{connectionId}`) | " + Summary + " |";

        Assert.Multiple(() =>
        {
            Assert.That(commands, Does.Contain("| `strategy " + Command + " <connection-id>` | " + row));
            Assert.That(cmdlets, Does.Contain("| `" + Cmdlet + "` | " + row));
            Assert.That(File.ReadAllText(Path.Combine(RepoRoot, "docs", "reference", "commands.md")), Does.Not.Contain("GetDatabaseConnectionInstance"), "the repository's own pages are not the copy's");
        });
    }

    private Task<(int ExitCode, string Output)> RunCliAsync(params string[] arguments) =>
        BuildProcess.RunAsync(
            _copy,
            new Dictionary<string, string>
            {
                ["STRATEGY_BASE_URL"] = _baseUrl,
                ["STRATEGY_USERNAME"] = "administrator",
                ["STRATEGY_PASSWORD"] = Password,
                ["STRATEGY_PROJECT_ID"] = "B7CA92F04B9FAE8D941C3E9B7E0CD754",
            },
            "dotnet",
            [Cli, .. arguments]);

    [GeneratedRegex(@"listening on (\S+) ")]
    private static partial Regex Listening();
}
