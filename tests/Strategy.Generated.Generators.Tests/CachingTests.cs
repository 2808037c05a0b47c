using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Tests;

/// <summary>An edit that does not touch the spec or the clients leaves every step cached.</summary>
public sealed class CachingTests
{
    private static readonly string[] Steps =
        [StrategyGenerator.SpecStep, StrategyGenerator.ClientsStep, StrategyGenerator.BindingsStep, StrategyGenerator.CatalogStep, StrategyGenerator.ResponseHeadersStep, StrategyGenerator.WorkflowsStep, StrategyGenerator.ClientWorkflowsStep];

    [Test]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);

        harness.RunAgainWith("namespace Fixture { public class Unrelated { public int Value => 42; } }");

        var tracked = harness.Result.TrackedSteps;
        Assert.Multiple(() =>
        {
            foreach (var step in Steps)
            {
                Assert.That(tracked.ContainsKey(step), Is.True, $"step {step} was not tracked");
                var reasons = tracked[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
                Assert.That(reasons, Is.Not.Empty.And.All.AnyOf(IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged), step);
            }
        });
    }

    [Test]
    public void Editing_one_clients_declarations_re_emits_that_client_only()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace("paths:\n", ReportsPath);
        var harness = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients, ReportsClient);
        var reportsBefore = harness.Source("ReportsClient.Workflows.g.cs");

        harness.RunAgainWithSpec(spec.Replace("succeeded: [done]", "succeeded: [done, finished]"));

        var outputs = harness.Result.TrackedSteps[StrategyGenerator.ClientWorkflowsStep]
            .SelectMany(s => s.Outputs)
            .Select(o => (Client: (string?)o.Value.GetType().GetProperty("ClassName")!.GetValue(o.Value), o.Reason))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outputs, Does.Contain(("JobsClient", IncrementalStepRunReason.Modified)));
            Assert.That(outputs, Does.Contain(("ReportsClient", IncrementalStepRunReason.Unchanged)));
            Assert.That(harness.Source("JobsClient.Workflows.g.cs"), Does.Contain("\"finished\""));
            Assert.That(harness.Source("ReportsClient.Workflows.g.cs"), Is.EqualTo(reportsBefore));
        });
    }

    private const string ReportsPath = """
        paths:
          /reports/{reportId}:
            get:
              tags: [Reports]
              operationId: GetReport
              x-strategy-wait:
                helper: AwaitReport
                status: state
                succeeded: [finished]
                failed: [broken]
              parameters:
                - { name: reportId, in: path, required: true, schema: { type: string } }
              responses:
                '200':
                  description: The report.
                  content:
                    application/json:
                      schema: { $ref: '#/components/schemas/Job' }

        """;

    private const string ReportsClient = """
        namespace Fixture
        {
            public partial class ReportsClient : Strategy.Generated.Http.StrategyClientBase
            {
                public virtual System.Threading.Tasks.Task<Job> GetReportAsync(string reportId, System.Threading.CancellationToken cancellationToken) => throw null!;
            }
        }
        """;

    [Test]
    public void A_spec_edit_reruns_the_workflow_step()
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);
        var edited = GeneratorHarness.FixtureSpec.Replace("succeeded: [done]", "succeeded: [done, finished]");

        var rerun = GeneratorHarness.Run(edited, GeneratorHarness.FixtureClients);

        Assert.That(rerun.Source("JobsClient.Workflows.g.cs"), Does.Contain("\"done\" or \"finished\""));
        Assert.That(harness.Source("JobsClient.Workflows.g.cs"), Does.Not.Contain("\"finished\""));
    }
}
