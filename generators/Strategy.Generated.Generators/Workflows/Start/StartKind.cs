namespace Strategy.Generated.Generators.Workflows.Start;

/// <summary><c>x-strategy-start</c>: start work, then wait for it with a declared wait. Reads the declaration.</summary>
internal sealed class StartKind : DeclarationKind
{
    public const string Name = "x-strategy-start";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry) => new StartDeclaration(
        entry.Identifier("helper"),
        entry.Required("wait"),
        entry.Optional("waitTag"),
        entry.Optional("doneOn"),
        entry.Pairs("set"),
        entry.Pairs("bind"),
        entry.Optional("cancel"),
        entry.Places)
    {
        Requires = entry.Nested("requires") is { } requires ? ReadRequires(requires) : null,
    };

    private static StartDeclaration.RequiresRule? ReadRequires(DeclarationEntry e)
    {
        var rule = new StartDeclaration.RequiresRule(e.Required("read"), e.Required("field"), e.List("values", required: true), e.Required("describe"), e.Places);
        return e.Failed ? null : rule;
    }
}
