namespace Strategy.Generated.Generators.Workflows.Scope;

/// <summary><c>x-strategy-scope</c>: open a resource, run and wait in it, always close it; reopen on expiry when repeating is safe. Reads the declaration.</summary>
internal sealed class ScopeKind : DeclarationKind
{
    public const string Name = "x-strategy-scope";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry) => new ScopeDeclaration(
        entry.Identifier("helper"),
        entry.Required("open"),
        entry.Required("openHeader"),
        entry.Required("as"),
        entry.Required("close"),
        entry.Required("wait"),
        entry.Nested("reopen") is { } reopen ? ReadReopen(reopen) : null,
        entry.Places);

    private static ScopeDeclaration.ReopenRule? ReadReopen(DeclarationEntry e)
    {
        var items = e.Nested("repeatable");
        var repeatable = items is null ? null : ReadRepeatable(items);
        var rule = new ScopeDeclaration.ReopenRule(e.Required("on"), repeatable, e.Places);

        // A broken safety rule must not read as "always safe": then there is no reopening at all.
        return e.Failed || (items is not null && repeatable is null) ? null : rule;
    }

    private static ScopeDeclaration.RepeatableRule? ReadRepeatable(DeclarationEntry e)
    {
        var rule = new ScopeDeclaration.RepeatableRule(
            e.Optional("parameter") ?? "body",
            e.Required("items"),
            e.Required("field"),
            e.List("values", required: true),
            e.Optional("subject"),
            e.Places);
        return e.Failed ? null : rule;
    }
}
