using Strategy.Generated.Generators.Spec;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

/// <summary><c>x-strategy-echo</c> as declared.</summary>
internal sealed record EchoDeclaration(string Helper, SpecPlaces Places) : Declaration(Places)
{
    /// <inheritdoc />
    public override string Extension => EchoKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => EchoResolver.Resolve(this, context);
}
