using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Spec;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

// A whole new declaration kind in one file, as a new kind in the generator would be:
// x-strategy-echo: { helper: Name } adds a method that answers the operation's HTTP call.

/// <summary><c>x-strategy-echo</c> as declared.</summary>
internal sealed record EchoDeclaration(string Helper, SpecPlaces Places);

/// <summary>The helper to emit.</summary>
internal sealed record EchoHelper(string Name, string Call);

/// <summary>The fixture kind: read, resolve and emit, nothing else anywhere.</summary>
internal sealed class EchoKind : DeclarationKind<EchoDeclaration, EchoHelper>
{
    public override string Extension => "x-strategy-echo";

    public override int Order => 10;

    protected override EchoDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry) =>
        new(entry.Identifier("helper"), entry.Places);

    protected override void Resolve(WorkflowsBuilder builder, BoundOperation bound, EchoDeclaration declaration) =>
        builder.Add(bound.Client, Extension, new EchoHelper(declaration.Helper, bound.Operation.Method + " " + bound.Operation.Path));

    protected override void Emit(HelperEmission emission, EchoHelper helper)
    {
        var docs = new Common.SourceWriter().Doc("Answers the HTTP call of the operation.");
        emission.Members.Add(new WorkflowsEmitter.InterfaceMember(docs.ToString(), "string " + helper.Name + "()"));
        emission.Writer.Line("/// <inheritdoc/>");
        emission.Writer.Line("public string " + helper.Name + "() => " + Common.Literals.String(helper.Call) + ";");
    }
}
