using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators.Tests.FixtureKind;

/// <summary>The helper to emit: its name, and the call it answers.</summary>
internal sealed record EchoHelper(string Name, string Call) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => EchoEmitter.Emit(this, context);
}
