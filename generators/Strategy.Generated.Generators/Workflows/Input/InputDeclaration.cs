using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Input;

/// <summary><c>x-strategy-input</c>: this operation starts work that may stop for input before it goes on.</summary>
/// <param name="Helper">The helper's name, such as <c>CreateReportInstanceAnswered</c>.</param>
/// <param name="Describe">What the input is, for documentation (<c>prompts</c>).</param>
/// <param name="Field">The field of the start's answer that says it waits for input.</param>
/// <param name="Values">Its values that say so.</param>
/// <param name="List">The operation that lists what the work waits for.</param>
/// <param name="Answer">The operation that gives the answers (its request body).</param>
/// <param name="Again">The operation read after the answers, whose same field says whether the work waits for more (nested input), or <see langword="null"/> for one round.</param>
/// <param name="Set">Parameters of the start the helper fixes (<c>executionStage: resolve_prompts</c>).</param>
/// <param name="Bind">Parameters of the list and answer calls taken from fields of the start's answer.</param>
/// <param name="WhenPlaces">Where the <c>when</c> mapping's values are written.</param>
internal sealed record InputDeclaration(
    string Helper,
    string Describe,
    string Field,
    EquatableArray<string> Values,
    string List,
    string Answer,
    string? Again,
    EquatableArray<NamedValue> Set,
    EquatableArray<NamedValue> Bind,
    SpecPlaces Places,
    SpecPlaces WhenPlaces) : Declaration(Places)
{
    /// <inheritdoc />
    public override string Extension => InputKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => InputResolver.Resolve(this, context);
}
