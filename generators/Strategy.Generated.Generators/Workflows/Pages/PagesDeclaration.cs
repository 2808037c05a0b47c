using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Pages;

/// <summary><c>x-strategy-pages</c>: this operation lists items a page at a time.</summary>
/// <param name="Helper">The helper's name, such as <c>EnumerateSubscriptions</c>.</param>
/// <param name="Items">The response field that holds a page's items.</param>
/// <param name="Total">The response field with the total count, or <see langword="null"/> for a header.</param>
/// <param name="TotalHeader">The response header with the total count.</param>
/// <param name="Offset">The parameter that says where a page starts.</param>
/// <param name="Limit">The parameter that says how long it is.</param>
internal sealed record PagesDeclaration(
    string Helper,
    string Items,
    string? Total,
    string? TotalHeader,
    string Offset,
    string Limit,
    SpecPlaces Places) : Declaration(Places)
{
    /// <inheritdoc />
    /// <summary>For items that are one-key objects keyed by an id (<c>{"&lt;id&gt;": {…}}</c>): the field the key becomes when an item is shown flat.</summary>
    public string? KeyedBy { get; init; }

    public override string Extension => PagesKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => PagesResolver.Resolve(this, context);
}
