using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Spec;

/// <summary>
/// How an operation uses the project header (<c>X-MSTR-ProjectID</c>): from its header parameter,
/// or from <c>x-strategy-project</c> where the server wants it left out, always or for some values
/// of a query parameter.
/// </summary>
/// <param name="Use">The runtime's name for it: <c>WhenSet</c>, <c>Required</c>, <c>Never</c> or <c>ForValues</c>.</param>
/// <param name="Parameter">For <c>ForValues</c>: the query parameter whose value decides.</param>
/// <param name="Values">For <c>ForValues</c>: the values that need the header (any other goes without it).</param>
internal sealed record SpecProjectHeader(string Use, string? Parameter, EquatableArray<string> Values)
{
    /// <summary>The header's name on the wire.</summary>
    public const string HeaderName = "X-MSTR-ProjectID";

    /// <summary>The extension that says so.</summary>
    public const string Extension = "x-strategy-project";

    /// <summary>Sent when the client has a project: what an operation without a declaration gets.</summary>
    public static SpecProjectHeader WhenSet { get; } = new("WhenSet", null, EquatableArray<string>.Empty);

    /// <summary>Never sent without one: a required header parameter.</summary>
    public static SpecProjectHeader Required { get; } = new("Required", null, EquatableArray<string>.Empty);

    /// <summary>Left out even when the client has a project.</summary>
    public static SpecProjectHeader Never { get; } = new("Never", null, EquatableArray<string>.Empty);
}
