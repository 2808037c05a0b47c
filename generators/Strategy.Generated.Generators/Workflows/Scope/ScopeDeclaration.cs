using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Scope;

/// <summary><c>x-strategy-scope</c>: this operation needs a resource opened before it and closed after, whatever happens.</summary>
/// <param name="Helper">The helper's name, such as <c>PublishAndWait</c>.</param>
/// <param name="Open">The operation that opens the resource.</param>
/// <param name="OpenHeader">The header of its answer that carries the resource's id.</param>
/// <param name="As">The parameter of this operation that takes the id.</param>
/// <param name="Close">The operation that closes the resource.</param>
/// <param name="Wait">The status operation whose wait follows the work.</param>
/// <param name="Reopen">When the resource counts as expired, and when starting again in a new one is safe.</param>
internal sealed record ScopeDeclaration(
    string Helper,
    string Open,
    string OpenHeader,
    string As,
    string Close,
    string Wait,
    ScopeDeclaration.ReopenRule? Reopen,
    SpecPlaces Places) : Declaration(Places)
{
    /// <inheritdoc />
    public override string Extension => ScopeKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => ScopeResolver.Resolve(this, context);

    /// <summary>
    /// <c>reopen</c>: the error code that says the resource expired, and which request items may be
    /// sent again without changing the result.
    /// </summary>
    internal sealed record ReopenRule(string On, RepeatableRule? Repeatable, SpecPlaces Places);

    /// <summary>Request body items whose <see cref="Field"/> must be one of <see cref="Values"/> for the work to be safe to repeat.</summary>
    internal sealed record RepeatableRule(string Parameter, string Items, string Field, EquatableArray<string> Values, string? Subject, SpecPlaces Places);
}
