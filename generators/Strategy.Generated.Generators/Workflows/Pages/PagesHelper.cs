using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Pages;

/// <summary>Walks an offset/limit list lazily.</summary>
/// <param name="Name">The helper's name, such as <c>EnumerateSubscriptions</c>.</param>
/// <param name="ListArguments">The list call's arguments; the page's own are <c>offset</c> and <c>limit</c>.</param>
/// <param name="Wrapped">Whether the list call answers a wrapped response (headers and <c>Result</c>).</param>
/// <param name="ItemsProperty">The property of the answer's body that holds a page's items.</param>
/// <param name="Total">Where the total count comes from.</param>
internal sealed record PagesHelper(
    string OperationId,
    string Name,
    string ListMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<Argument> ListArguments,
    string ItemType,
    bool Wrapped,
    string ItemsProperty,
    PagesHelper.TotalSource Total) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => PagesEmitter.Emit(this, context);

    /// <summary>The total count: a field of the body (<paramref name="Name"/> is its JSON name, <paramref name="Property"/> its property) or a header of the answer.</summary>
    internal sealed record TotalSource(bool IsHeader, string Name, string Property);
}
