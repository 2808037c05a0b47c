namespace Strategy.Generated.Generators.Workflows.Pages;

/// <summary><c>x-strategy-pages</c>: walk an offset/limit list lazily. Reads the declaration.</summary>
internal sealed class PagesKind : DeclarationKind
{
    public const string Name = "x-strategy-pages";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry)
    {
        var total = entry.Optional("total");
        var totalHeader = entry.Optional("totalHeader");
        if (total is null && totalHeader is null)
        {
            entry.Missing("total (or totalHeader)");
        }

        return new PagesDeclaration(
            entry.Identifier("helper"),
            entry.Required("items"),
            total,
            totalHeader,
            entry.Optional("offset") ?? "offset",
            entry.Optional("limit") ?? "limit",
            entry.Places)
        {
            KeyedBy = entry.Optional("keyedBy"),
        };
    }
}
