using Strategy.Generated.Generators.Tests.FixtureKind;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// A new kind of declaration is one file: <see cref="EchoKind"/> registers, and the shared reader,
/// builder and emitter read, resolve, check and emit it without a line changed elsewhere.
/// </summary>
[NonParallelizable]
public sealed class FixtureKindTests
{
    private const string Anchor = "      operationId: ListJobs\n";

    [OneTimeSetUp]
    public void RegisterTheFixtureKind() => DeclarationKinds.Register(new EchoKind());

    [Test]
    public void A_kind_in_one_file_is_read_resolved_emitted_on_the_client_and_its_interface_and_compiles()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helper: DescribeListJobs }\n");

        var harness = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients);
        var source = harness.Source("JobsClient.Workflows.g.cs");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(source, Does.Contain("public string DescribeListJobs() => \"GET /jobs\";"));
            Assert.That(source, Does.Contain("string DescribeListJobs();"), "declared on the interface too");
            Assert.That(harness.CompileGenerated(), Is.Empty);
        });
    }

    [Test]
    public void The_shared_reader_checks_the_new_kind_as_any_other()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helpr: DescribeListJobs }\n");

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "STRAT007", "STRAT010" }));
            Assert.That(diagnostics.Single(d => d.Id == "STRAT010").GetMessage(), Does.Contain("did you mean 'helper'?"));
        });
    }
}
