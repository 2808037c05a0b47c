using Strategy.Generated.Generators.Tests.FixtureKind;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests;

/// <summary>
/// A new kind of declaration is one folder and one line in the list of kinds: handed
/// <see cref="EchoKind"/> with the default kinds, the generator reads, resolves, checks and emits
/// it without a line changed elsewhere; without it, its key is a mistake.
/// </summary>
public sealed class FixtureKindTests
{
    private const string Anchor = "      operationId: ListJobs\n";

    private static readonly IReadOnlyList<DeclarationKind> WithEcho = [.. DeclarationKinds.Default, new EchoKind()];

    [Test]
    public void A_kind_in_one_folder_is_read_resolved_emitted_on_the_client_and_its_interface_and_compiles()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helper: DescribeListJobs }\n");

        var harness = GeneratorHarness.Run(WithEcho, spec, GeneratorHarness.FixtureClients);
        var source = harness.Source("JobsClient.Workflows.g.cs");

        Assert.Multiple(() =>
        {
            Assert.That(harness.Diagnostics, Is.Empty);
            Assert.That(source, Does.Contain("public string DescribeListJobs()").And.Contain("return \"GET /jobs\";"));
            Assert.That(source, Does.Contain("string DescribeListJobs();"), "declared on the interface too");
            Assert.That(harness.CompileGenerated(), Is.Empty);
        });
    }

    [Test]
    public void The_shared_reader_checks_the_new_kind_as_any_other()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helpr: DescribeListJobs }\n");

        var diagnostics = GeneratorHarness.Run(WithEcho, spec, GeneratorHarness.FixtureClients).Diagnostics;

        Assert.Multiple(() =>
        {
            Assert.That(diagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "STRAT007", "STRAT010" }));
            Assert.That(diagnostics.Single(d => d.Id == "STRAT010").GetMessage(), Does.Contain("did you mean 'helper'?"));
        });
    }

    [Test]
    public void The_new_kind_uses_the_shared_checks_of_the_context()
    {
        // ListJobs answers a body; DeleteJob does not, and the shared check says so at the key.
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helper: DescribeListJobs }\n");
        var deleteAnchor = spec.IndexOf("operationId: ReleaseLock", StringComparison.Ordinal);
        Assert.That(deleteAnchor, Is.GreaterThan(0));
        spec = spec.Insert(spec.IndexOf('\n', deleteAnchor) + 1, "      x-strategy-echo: { helper: DescribeReleaseLock }\n");

        var diagnostics = GeneratorHarness.Run(WithEcho, spec, GeneratorHarness.FixtureClients).Diagnostics;

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "STRAT013" }));
    }

    [Test]
    public void Without_the_kind_in_the_list_its_key_is_a_mistake()
    {
        var spec = GeneratorHarness.FixtureSpec.Replace(Anchor, Anchor + "      x-strategy-echo: { helper: DescribeListJobs }\n");

        var diagnostics = GeneratorHarness.Run(spec, GeneratorHarness.FixtureClients).Diagnostics;

        Assert.That(diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "STRAT010" }), "the default kinds do not know it");
    }
}
