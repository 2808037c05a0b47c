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
    [TestCase("StrategyResponse.Headers.g.cs")]
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
            .Replace("        succeeded: [done]", "        succeeded: [\"done\\r\\n// not code\"]");
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
        var source = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients).Source("JobsClient.Workflows.g.cs");

        Assert.That(source, Does.Contain(" AwaitJobAsync(string jobId,")
            .And.Contain(" StartJobAndWaitAsync(global::")
            .And.Contain(" RunLockedAndWaitAsync(string jobId,")
            .And.Contain("IAsyncEnumerable<global::Fixture.Job> EnumerateJobsAsync(int pageSize = 1000"));
    }

    [Test]
    public void Nothing_is_generated_for_a_spec_without_declarations()
    {
        var spec = string.Join("\n", GeneratorHarness.FixtureSpec.Split('\n').Where(line => !line.Contains("x-strategy") && !IsDeclarationBody(line)));

        var harness = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients);

        Assert.That(harness.Result.GeneratedSources.Select(s => s.HintName), Has.None.EqualTo("JobsClient.Workflows.g.cs"));
    }

    private static bool IsDeclarationBody(string line) =>
        new[] { "helper:", "items: jobs", "totalHeader:", "wait: GetJob", "set:", "bind:", "describe:", "status: state", "running:", "succeeded:", "failed:", "errors: errors", "open:", "openHeader:", "as:", "close:", "reopen:", "on: LOCK_GONE", "repeatable:" }
            .Any(key => line.TrimStart().StartsWith(key, StringComparison.Ordinal));
}
