namespace Strategy.Generated.Generators.Workflows.Input;

/// <summary><c>x-strategy-input</c>: a start that may stop half-way for input (a report's prompts), answered by the caller. Reads the declaration.</summary>
internal sealed class InputKind : DeclarationKind
{
    public const string Name = "x-strategy-input";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry)
    {
        var when = entry.Nested("when");
        if (when is null)
        {
            entry.Missing("when");
        }

        return new InputDeclaration(
            entry.Identifier("helper"),
            entry.Optional("describe") ?? "input",
            when?.Required("field") ?? string.Empty,
            when?.List("values", required: true) ?? Common.EquatableArray<string>.Empty,
            entry.Required("list"),
            entry.Required("answer"),
            entry.Optional("again"),
            entry.Pairs("set"),
            entry.Pairs("bind"),
            entry.Places,
            when?.Places ?? entry.Places);
    }
}
