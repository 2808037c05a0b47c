using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.Cli.Tests.Documentation;

/// <summary>
/// Every bash command line of README.md, docs/ and the samples' READMEs, run as a user runs it: in
/// bash, block by block, with the environment the block sets pointed at the emulator program (a
/// child process on a free loopback port), from an empty folder. Each line must exit 0. A line that
/// cannot run here (it installs a tool globally, builds the solution, starts a server that runs until
/// stopped) is listed below with the test that runs it instead, and nothing else is left out.
/// </summary>
[NonParallelizable]
[Platform("Linux,MacOsX")]
public sealed partial class DocumentedCommandLineTests
{
    /// <summary>The example ids the documents use, and what they stand for on the emulator.</summary>
    private const string ExampleSubscriptionId = "0730C69A4EBAA20BD967EA86274F0C2F";

    private const string ExampleJobId = "478:RU5WLTI4MjA0MExBSU9VU0Ux";

    /// <summary>Lines not run here, by how they start, with the test that runs what they do.</summary>
    private static readonly (string Start, string Reason)[] NotRunHere =
    [
        ("dotnet build Strategy.Generated.sln && dotnet test", "the suite itself: .ci/run runs exactly this line"),
        ("dotnet pack Strategy.Generated.sln", "PackageConsumerTests packs the library, the emulator and both tools"),
        ("feed=", "sets the feed for the install lines after it (PackageConsumerTests)"),
        ("(cd ~/src/YourService && dotnet add package", "PackageConsumerTests adds the package to a new project from the packed feed"),
        ("dotnet add package Strategy.", "PackageConsumerTests adds the package to a new project from the packed feed"),
        ("dotnet tool install --global Strategy.", "PackageConsumerTests installs both tools from the packed feed (into a tool path, not the machine's global tools)"),
        ("dotnet run --project src/Strategy.Emulator -- --urls", "starts a server that runs until stopped: EmulatorProgramTests starts the program with --urls and --path-base"),
        ("strategy-emulator --urls", "starts a server that runs until stopped: EmulatorProgramTests starts the program with --urls and --path-base"),
        ("tests/Strategy.Benchmarks/", "a benchmark run takes minutes and rewrites docs/reports/: a person runs it and commits the report"),
        ("dotnet build src/Strategy.Generated -t:RecordPublicApi", "rewrites PublicAPI.Unshipped.txt: a person runs it when the public API changes"),
        ("export STRATEGY_BASE_URL=https://bi.example.com/MicroStrategyLibrary/ STRATEGY_PROJECT_ID=B7CA92F04B9FAE8D941C3E9B7E0CD754 STRATEGY_PASSWORD=...", "the refresh worker's environment: ClusterTests runs the worker against PostgreSQL"),
        ("pg=", "the refresh worker's database: ClusterTests starts a PostgreSQL of its own"),
        ("dotnet run --project samples/Strategy.Samples.RefreshWorker", "ClusterTests runs init and two workers against PostgreSQL"),
        ("STRATEGY_PASSWORD=... dotnet run --project src/Strategy.Cli -- schema reload --update-types table_key --base-url https://your-server/MicroStrategyLibrary --project \"MicroStrategy Tutorial\" --ca-certificate", "needs HTTPS with an internal authority: TlsCommandTests runs --ca-certificate against the emulator over HTTPS"),
    ];

    private static readonly string CliProgram = Path.Combine(AppContext.BaseDirectory, "strategy.dll");

    private static readonly string EmulatorProgram = Path.Combine(
        DocumentedCommandLine.RepoRoot, "src", "Strategy.Emulator.Tool", "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "strategy-emulator.dll");

    private Process _emulator = null!;
    private Uri _server = null!;
    private string _subscriptionId = null!;
    private DirectoryInfo _work = null!;

    private static IEnumerable<TestCaseData> Blocks() =>
        DocumentedCommandLine.All()
            .GroupBy(line => (line.Document, line.Block))
            .Where(block => block.Any(line => ReasonNotRun(line) is null))
            .Select(block => new TestCaseData(block.ToList()).SetArgDisplayNames($"{block.Key.Document} block {block.Key.Block}"));

    private static string? ReasonNotRun(DocumentedCommandLine line) =>
        NotRunHere.FirstOrDefault(n => line.Command.StartsWith(n.Start, StringComparison.Ordinal)).Reason;

    [OneTimeSetUp]
    public async Task StartTheEmulatorProgram()
    {
        Assert.That(EmulatorProgram, Does.Exist, "the emulator program is built with the solution");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // Short tasks and publishes: the lines wait for them as against a server, in a fraction of the time.
        foreach (var arg in new[] { EmulatorProgram, "--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--task-duration", "0.5", "--publish-duration", "1" })
        {
            start.ArgumentList.Add(arg);
        }

        _emulator = Process.Start(start)!;
        var line = await _emulator.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty;
        var match = Listening().Match(line);
        Assert.That(match.Success, Is.True, $"the emulator program started: {line}");
        _ = _emulator.StandardOutput.ReadToEndAsync();
        _ = _emulator.StandardError.ReadToEndAsync();
        _server = new Uri(match.Groups[1].Value);

        // The subscription the documents run by its example id: one that refreshes the seed data model nightly.
        await using var connection = StrategyConnection.Create(_server, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var created = await connection.CreateClient<SubscriptionsClient>().CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            "Nightly refresh", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));
        _subscriptionId = created.Id;
    }

    [OneTimeTearDown]
    public async Task StopTheEmulatorProgram()
    {
        if (_emulator is { HasExited: false })
        {
            _emulator.Kill(entireProcessTree: true);
            await _emulator.WaitForExitAsync();
        }

        _emulator?.Dispose();
    }

    [SetUp]
    public void MakeAnEmptyFolder() => _work = Directory.CreateTempSubdirectory("strategy-docs-");

    [TearDown]
    public void RemoveTheFolder() => _work.Delete(recursive: true);

    [Test]
    public void Every_line_is_run_or_names_the_test_that_runs_it_instead()
    {
        var lines = DocumentedCommandLine.All();
        var unusedReasons = NotRunHere.Where(n => !lines.Any(l => l.Command.StartsWith(n.Start, StringComparison.Ordinal))).Select(n => n.Start);

        Assert.Multiple(() =>
        {
            Assert.That(lines.Count(l => ReasonNotRun(l) is null), Is.GreaterThan(20), "the documents' command lines were found");
            Assert.That(unusedReasons, Is.Empty, "a line listed as not run here is no longer in any document");
        });
    }

    [TestCaseSource(nameof(Blocks))]
    public async Task A_documented_block_runs_against_the_emulator_and_every_line_exits_0(List<DocumentedCommandLine> block)
    {
        var run = block.Where(line => ReasonNotRun(line) is null).ToList();
        var script = new StringBuilder();
        script.AppendLine("set -o pipefail");
        script.AppendLine($"strategy() {{ dotnet '{CliProgram}' \"$@\"; }}");
        script.AppendLine($"strategy-emulator() {{ dotnet '{EmulatorProgram}' \"$@\"; }}");

        // A reader follows a document in one shell: what its earlier blocks export holds here too.
        foreach (var earlier in DocumentedCommandLine.All().Where(l => l.Document == block[0].Document && l.Block < block[0].Block && l.Command.StartsWith("export ", StringComparison.Ordinal) && ReasonNotRun(l) is null))
        {
            script.AppendLine(Rewrite(earlier.Command));
        }

        foreach (var line in run)
        {
            // Each line waits for the test to say go (after what the line needs is ready), then reports its exit code.
            script.AppendLine("read -r __go");
            script.AppendLine(Rewrite(line.Command));
            script.AppendLine("printf '\\n__exit %d\\n' $? >&2");
        }

        var start = new ProcessStartInfo("bash") { WorkingDirectory = _work.FullName, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script.ToString());
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("STRATEGY_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOC_SERVER"] = _server.ToString().TrimEnd('/');
        start.Environment["DOC_RUNNING_JOB"] = Path.Combine(_work.FullName, ".running-job");

        using var bash = Process.Start(start)!;
        var exits = new BlockingCollection<int>();
        var output = new ConcurrentQueue<string>();
        bash.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        bash.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } data && data.StartsWith("__exit ", StringComparison.Ordinal))
            {
                exits.Add(int.Parse(data["__exit ".Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                output.Enqueue(e.Data ?? string.Empty);
            }
        };
        bash.BeginOutputReadLine();
        bash.BeginErrorReadLine();

        var results = new List<string>();
        try
        {
            foreach (var line in run)
            {
                if (line.Command.Contains(ExampleJobId, StringComparison.Ordinal))
                {
                    await File.WriteAllTextAsync(start.Environment["DOC_RUNNING_JOB"]!, await StartCubePublishJobAsync());
                }

                output.Clear();
                await bash.StandardInput.WriteLineAsync();
                await bash.StandardInput.FlushAsync();

                // A guard against a line that never ends; the documented commands end in seconds.
                if (!exits.TryTake(out var exitCode, TimeSpan.FromMinutes(3)))
                {
                    results.Add($"{line}: did not end: {line.Command}");
                    break;
                }

                if (exitCode != 0)
                {
                    results.Add($"{line}: exit {exitCode}: {line.Command}\n    {string.Join("\n    ", output.TakeLast(12))}");
                }
            }
        }
        finally
        {
            bash.StandardInput.Close();
            if (!bash.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                bash.Kill(entireProcessTree: true);
            }
        }

        Assert.That(results, Is.Empty, "every documented line exits 0");
    }

    /// <summary>The line as a user here would type it: the example server is the emulator, and so are its example objects.</summary>
    private string Rewrite(string command)
    {
        command = command.Replace("dotnet run --project src/Strategy.Cli --", "strategy", StringComparison.Ordinal);
        command = CronSchedule().Replace(command, string.Empty);
        command = ExampleServer().Replace(command, "$DOC_SERVER");
        command = command.Replace("\"$(cat /etc/strategy/password)\"", "\"\"", StringComparison.Ordinal);
        command = command.Replace(ExampleSubscriptionId, _subscriptionId, StringComparison.Ordinal);
        return command.Replace(ExampleJobId, "\"$(cat \"$DOC_RUNNING_JOB\")\"", StringComparison.Ordinal);
    }

    /// <summary>Starts a cube publish on the emulator that runs until cancelled, and answers its job's id, as <c>strategy jobs list</c> shows it.</summary>
    private async Task<string> StartCubePublishJobAsync()
    {
        using (var control = new HttpClient())
        {
            using var held = await control.PostAsync(new Uri(_server, "__emulator/hold-next/job"), null);
            held.EnsureSuccessStatusCode();
        }

        await using var connection = StrategyConnection.Create(_server, StrategyCredentials.Standard("administrator", string.Empty), Seeds.ProjectId);
        var operation = await connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.InventoryCubeId);
        return operation.Id;
    }

    [GeneratedRegex(@"listening on (\S+) ")]
    private static partial Regex Listening();

    [GeneratedRegex(@"^\d+ \d+ \* \* \* +")]
    private static partial Regex CronSchedule();

    [GeneratedRegex(@"https://(bi\.example\.com|your-server)/MicroStrategyLibrary/?")]
    private static partial Regex ExampleServer();
}
