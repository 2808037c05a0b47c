using Microsoft.CodeAnalysis;

namespace Strategy.Generated.Generators.Tests;

/// <summary>An edit that does not touch the spec or the clients leaves every step cached.</summary>
public sealed class CachingTests
{
    private static readonly string[] Steps =
        [StrategyGenerator.SpecStep, StrategyGenerator.ClientsStep, StrategyGenerator.ResponseHeadersStep, StrategyGenerator.WorkflowsStep];

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
    public void A_spec_edit_reruns_the_workflow_step()
    {
        var harness = GeneratorHarness.Run(GeneratorHarness.FixtureSpec, GeneratorHarness.FixtureClients);
        var edited = GeneratorHarness.FixtureSpec.Replace("succeeded: [done]", "succeeded: [done, finished]");

        var rerun = GeneratorHarness.Run(edited, GeneratorHarness.FixtureClients);

        Assert.That(rerun.Source("JobsClient.Workflows.g.cs"), Does.Contain("\"done\" or \"finished\""));
        Assert.That(harness.Source("JobsClient.Workflows.g.cs"), Does.Not.Contain("\"finished\""));
    }
}
