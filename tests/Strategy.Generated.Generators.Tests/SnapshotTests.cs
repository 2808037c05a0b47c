using System.Reflection;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// The generated source for the fixture spec equals the checked-in snapshot. To accept a
/// deliberate change, run the tests with STRATEGY_UPDATE_SNAPSHOTS=1 and review the diff.
/// </summary>
public sealed class SnapshotTests
{
    private static string SnapshotDirectory => Path.Combine(
        typeof(SnapshotTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDirectory").Value!,
        "Snapshots");

    [TestCase("JobsClient.Workflows.g.cs")]
    [TestCase("RunsClient.Workflows.g.cs")]
    [TestCase("ExportsClient.Workflows.g.cs")]
    [TestCase("StrategyResponse.Headers.g.cs")]
    [TestCase("StrategyOperations.g.cs")]
    [TestCase("StrategyResumers.g.cs")]
    public void Generated_source_matches_the_snapshot(string hintName)
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);
        var actual = harness.Source(hintName);
        var path = Path.Combine(SnapshotDirectory, hintName + ".txt");

        if (Environment.GetEnvironmentVariable("STRATEGY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(File.Exists(path), Is.True, $"No snapshot at {path}; run with STRATEGY_UPDATE_SNAPSHOTS=1 to write it.");
            Assert.That(actual, Is.EqualTo(File.Exists(path) ? File.ReadAllText(path) : string.Empty));
        });
    }

    [Test]
    public void For_the_module_the_spec_makes_one_cmdlet_per_operation_no_hand_written_one_reaches_and_nothing_else()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("      operationId: GetJob\n", "      operationId: GetJob\n      x-strategy-cmdlet: { handwritten: \"Get-StrategyJob\" }\n");
        var harness = GeneratorHarness.RunForModule(spec);
        var actual = harness.Source("StrategyCmdlets.g.cs");
        var path = Path.Combine(SnapshotDirectory, "StrategyCmdlets.g.cs.txt");
        if (Environment.GetEnvironmentVariable("STRATEGY_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty, "no client is expected in the module");
            Assert.That(harness.Result.GeneratedSources.Select(s => s.HintName), Is.EqualTo(new[] { "StrategyCmdlets.g.cs" }));
            Assert.That(actual, Does.Contain("Cmdlet(\"Get\", \"StrategyJobs\")").And.Not.Contain("\"StrategyJob\")"), "GetJob's cmdlet is hand-written");
            Assert.That(actual, Is.EqualTo(File.Exists(path) ? File.ReadAllText(path) : string.Empty));
        });
    }

    [Test]
    public void The_generated_source_compiles_with_the_runtime_it_calls()
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);

        Assert.That(harness.CompileGenerated(), Is.Empty);
    }

    [Test]
    public void Text_from_the_spec_with_quotes_backslashes_markup_and_line_breaks_still_compiles()
    {
        // Every place spec text reaches C#: a description, status values, a Prefer value, a header name.
        var spec = GeneratorHarness.FixtureSpec
            .Replace("        describe: job", "        describe: \"job \\\"quoted\\\" <b> & \\\\ back\\nslash */\"")
            .Replace("        running: [queued, busy]", "        running: [queued, \"b\\\"u\\\\sy\"]")
            .Replace("enum: [queued, busy, done, finished, broken]", "enum: [queued, \"b\\\"u\\\\sy\", \"done\\r\\n// not code\", finished, broken]")
            .Replace("        succeeded: [done]", "        succeeded: [\"done\\r\\n// not code\"]")
            .Replace("busy: being worked on", "\"b\\\"u\\\\sy\": \"being \\\"worked\\\" on */\"");
        var harness = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients);

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(harness.CompileGenerated(), Is.Empty);
            Assert.That(harness.Source("JobsClient.Workflows.g.cs"), Does.Contain("\"done\\r\\n// not code\""), "the value as a compiler-formatted literal");
        });
    }

    [Test]
    public void Every_declared_helper_is_generated()
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);
        var source = harness.Source("JobsClient.Workflows.g.cs");
        var runs = harness.Source("RunsClient.Workflows.g.cs");

        Assert.Multiple(() =>
        {
            Assert.That(source, Does.Contain(" AwaitJobAsync(string jobId,")
                .And.Contain("Task<global::Fixture.Job?> StartJobAndWaitAsync(global::")
                .And.Contain(" RunLockedAndWaitAsync(string jobId,")
                .And.Contain("IAsyncEnumerable<global::Fixture.Job> EnumerateJobsAsync(int pageSize = 1000")
                .And.Contain("Task<global::Fixture.JobRun> RunJobAndWaitAsync(string jobId,"));
            Assert.That(runs, Does.Contain("Task<global::Fixture.JobRun> AwaitJobRunAsync(string jobId, global::Fixture.JobRun? previousRun = null,")
                .And.Contain("Task<global::Fixture.JobRun?> GetLastJobRunAsync(string jobId,")
                .And.Contain("public global::Strategy.Generated.StrategyOutcome Outcome =>"));
        });
    }

    [Test]
    public void A_start_whose_answer_has_no_body_reads_the_last_run_then_waits_for_a_new_one_in_the_client_the_spec_names()
    {
        var source = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients).Source("JobsClient.Workflows.g.cs");

        // The start form reads the last run, starts the work and names that run in the token; the helper is that operation, waited for.
        Assert.That(source, Does.Contain("var before = await new global::Fixture.RunsClient(_httpClient) { ProjectId = ProjectId }.GetLastJobRunAsync(jobId, cancellationToken).ConfigureAwait(false);")
            .And.Contain("await RunJobAsync(jobId, cancellationToken).ConfigureAwait(false);")
            .And.Contain("return new global::Fixture.RunsClient(_httpClient) { ProjectId = ProjectId }.WorkOfAwaitJobRun(token);")
            .And.Contain("ct => StartRunJobAsync(jobId, ct),"));
    }

    [Test]
    public void Values_named_by_x_enumNames_compare_as_the_numbers_the_runtime_reads()
    {
        var runs = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients).Source("RunsClient.Workflows.g.cs");

        Assert.That(runs, Does.Contain("var over = global::Strategy.Generated.StrategyWire.ValueOf(status, \"stage\", status.Stage);")
            .And.Contain("if (over is not (\"1\"))")
            .And.Contain("if (value is \"1\")")
            .And.Contain("if (value is \"4\")")
            .And.Contain("if (value is \"2\" or \"3\")")
            .And.Contain("\"3\" => \"cancelled\""));
    }

    [Test]
    public void Nothing_is_generated_for_a_spec_without_declarations()
    {
        var spec = string.Join("\n", GeneratorHarness.FixtureSpec.Split('\n').Where(line => !line.Contains("x-strategy") && !IsDeclarationBody(line)));

        var harness = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients);

        Assert.That(harness.Result.GeneratedSources.Select(s => s.HintName), Has.None.EqualTo("JobsClient.Workflows.g.cs"));
    }

    private static bool IsDeclarationBody(string line) =>
        new[] { "helper:", "items: jobs", "totalHeader:", "wait: GetJob", "set:", "bind:", "describe:", "status: state", "running:", "succeeded:", "failed:", "errors: errors", "open:", "openHeader:", "as:", "close:", "reopen:", "on: LOCK_GONE", "repeatable:", "doneOn:", "waitTag:", "finished:", "skipped:", "run: startedAt", "noStatus:", "details:", "- { items: parts", "words:" }
            .Any(key => line.TrimStart().StartsWith(key, StringComparison.Ordinal));
}
