using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Tests;

/// <summary>A wrong declaration in the spec is a compiler error with an id and the spec location, never a crash or silence.</summary>
public sealed class DiagnosticTests
{
    [TestCase("STRAT004", "        wait: GetJob\n        set:", "        wait: GetJobs\n        set:", "x-strategy-start:", TestName = "Start naming an unknown operation is STRAT004")]
    [TestCase("STRAT004", "        close: ReleaseLock", "        close: ReleaseLocks", "x-strategy-scope:", TestName = "Scope naming an unknown operation is STRAT004")]
    [TestCase("STRAT005", "        status: state", "        status: phase", "x-strategy-wait:", TestName = "Wait naming an unknown status field is STRAT005")]
    [TestCase("STRAT005", "        items: jobs", "        items: tasks", "x-strategy-pages:", TestName = "Pages naming an unknown items field is STRAT005")]
    [TestCase("STRAT005", "        bind: { jobId: id }", "        bind: { jobId: identifier }", "x-strategy-start:", TestName = "Start binding an unknown field is STRAT005")]
    [TestCase("STRAT005", "field: mode,", "field: kind,", "          repeatable:", TestName = "A reopen rule naming an unknown item field is STRAT005")]
    [TestCase("STRAT005", "items: steps,", "items: stages,", "          repeatable:", TestName = "A reopen rule naming an unknown request list is STRAT005")]
    [TestCase("STRAT006", "values: [overwrite]", "values: []", "          repeatable:", TestName = "A reopen rule with no repeatable values is STRAT006")]
    [TestCase("STRAT007", "          on: LOCK_GONE\n", "", "        reopen:", TestName = "A reopen without the error code is STRAT007")]
    [TestCase("STRAT006", "        succeeded: [done]", "        succeeded: []", "        succeeded: []", TestName = "An empty succeeded list is STRAT006")]
    [TestCase("STRAT007", "        helper: AwaitJob\n", "", "x-strategy-wait:", TestName = "A wait without helper is STRAT007")]
    [TestCase("STRAT007", "        openHeader: X-Lock-Id\n", "", "x-strategy-scope:", TestName = "A scope without openHeader is STRAT007")]
    [TestCase("STRAT008", "        helper: AwaitJob", "        helper: Await Job", "        helper: Await Job", TestName = "A helper name with a space is STRAT008")]
    [TestCase("STRAT008", "        helper: AwaitJob", "        helper: class", "        helper: class", TestName = "A helper named after a keyword is STRAT008")]
    [TestCase("STRAT008", "        succeeded: [done]", "        succeeded: [done]\n        failedBelow: zero", "        failedBelow: zero", TestName = "A failedBelow that is not a number is STRAT008")]
    public void A_wrong_declaration_is_reported_at_its_place_in_the_spec(string id, string find, string replace, string expectedLineText)
    {
        Assert.That(GeneratorHarness.FixtureSpec, Does.Contain(find));
        var spec = GeneratorHarness.FixtureSpec.Replace(find, replace);

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        // A dropped declaration may also be reported by the declarations that name it (STRAT004).
        Assert.That(diagnostics.Select(d => d.Id), Does.Contain(id).And.All.Matches<string>(d => d == id || d == "STRAT004"));
        AssertReportedAt(diagnostics.First(d => d.Id == id), id, spec, expectedLineText);
    }

    [Test]
    public void Unreadable_YAML_is_STRAT001_at_the_error()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("  /jobs:\n", "  /jobs: [unclosed\n");

        var diagnostic = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics.First();

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo("STRAT001"));
            Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(diagnostic.Location.GetLineSpan().Path, Is.EqualTo(GeneratorHarness.SpecPath));
        });
    }

    [Test]
    public void A_declared_header_on_an_unwrapped_method_is_STRAT002()
    {
        var clients = GeneratorHarness.FixtureClients.Replace("Task<StrategyResponse> TakeLockAsync", "Task TakeLockAsync");

        var diagnostics = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, clients).Diagnostics;

        var unwrapped = diagnostics.First(d => d.Id == "STRAT002");
        AssertReportedAt(unwrapped, "STRAT002", GeneratorHarness.FixtureSpec, "            X-Lock-Id:");
        Assert.That(unwrapped.GetMessage(), Does.Contain("JobsClient.TakeLock"));
    }

    [Test]
    public void An_operation_without_a_generated_method_is_STRAT003()
    {
        var clients = GeneratorHarness.FixtureClients.Replace("ReleaseLockAsync", "FreeLockAsync");

        var diagnostics = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, clients).Diagnostics;

        AssertReportedAt(diagnostics.First(d => d.Id == "STRAT003"), "STRAT003", GeneratorHarness.FixtureSpec, "      operationId: ReleaseLock");
    }

    private static void AssertReportedAt(Diagnostic diagnostic, string id, string spec, string expectedLineText)
    {
        var lines = spec.Split('\n');
        var expectedLine = Array.FindIndex(lines, l => l.StartsWith(expectedLineText.Split('\n')[0], StringComparison.Ordinal) || l.Contains(expectedLineText.Split('\n')[0].Trim()));
        var span = diagnostic.Location.GetLineSpan();

        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo(id), diagnostic.ToString());
            Assert.That(diagnostic.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(span.Path, Is.EqualTo(GeneratorHarness.SpecPath));
            Assert.That(span.StartLinePosition.Line, Is.EqualTo(expectedLine), diagnostic.ToString());
            Assert.That(diagnostic.GetMessage(), Is.Not.Empty);
        });
    }
}
