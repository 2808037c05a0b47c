using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

// A whole new declaration kind in one folder, as a new kind in the generator would be:
// x-strategy-echo: { helper: Name } adds a method that answers the operation's HTTP call.

/// <summary>The fixture kind: reads the declaration.</summary>
internal sealed class EchoKind : DeclarationKind
{
    public const string Name = "x-strategy-echo";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry) => new EchoDeclaration(entry.Identifier("helper"), entry.Places);
}
