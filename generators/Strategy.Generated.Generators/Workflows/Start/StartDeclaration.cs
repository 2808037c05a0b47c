using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Start;

/// <summary><c>x-strategy-start</c>: this operation starts work that a declared wait reports on.</summary>
/// <param name="Helper">The helper's name, such as <c>ReloadSchemaAndWait</c>.</param>
/// <param name="Wait">The status operation whose wait follows the work.</param>
/// <param name="WaitTag">The tag of the wait's client, when the spec puts the wait in another client than the start.</param>
/// <param name="DoneOn">The success status whose empty answer means the work was done before the answer: nothing to wait for.</param>
/// <param name="Set">Parameters of the start the helper fixes (<c>Prefer: respond-async</c>).</param>
/// <param name="Bind">Parameters of the wait taken from fields of the start's answer.</param>
/// <param name="Cancel">The operation that stops the work on the server when the wait ends early, or <c>never</c> for work that cannot be stopped.</param>
internal sealed record StartDeclaration(
    string Helper,
    string Wait,
    string? WaitTag,
    string? DoneOn,
    EquatableArray<NamedValue> Set,
    EquatableArray<NamedValue> Bind,
    string? Cancel,
    SpecPlaces Places) : Declaration(Places)
{
    /// <inheritdoc />
    public override string Extension => StartKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => StartResolver.Resolve(this, context);

    /// <summary>What <c>cancel: never</c> says: the server has no call that stops this work.</summary>
    public const string Never = "never";

    /// <summary><c>requires</c>: the work can be waited for only when a field of the object it works on has one of these values.</summary>
    public RequiresRule? Requires { get; init; }

    /// <summary>
    /// <c>requires</c>: before starting, <c>read</c> is called with the start's own arguments, and the start
    /// goes on only when its answer's <c>field</c> (a dotted path) has one of <c>values</c>; otherwise the
    /// server reports no status for the work, so nothing is started.
    /// </summary>
    internal sealed record RequiresRule(string Read, string Field, EquatableArray<string> Values, string Describe, SpecPlaces Places);
}
