using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Input;

/// <summary>Starts work, and when it stops for input, lists what it waits for, asks the caller and sends the answers.</summary>
/// <param name="Name">The helper's name.</param>
/// <param name="Describe">What the input is (<c>prompts</c>).</param>
/// <param name="StartMethod">The start call.</param>
/// <param name="Parameters">The helper's parameters from the start's (without those the spec fixes).</param>
/// <param name="StartArguments">The start call's arguments.</param>
/// <param name="ResultType">What the start answers (and the helper with it).</param>
/// <param name="FieldJson">The answer's field that says it waits for input, as JSON.</param>
/// <param name="FieldProperty">Its property.</param>
/// <param name="Values">Its values that say so, as the runtime reads them.</param>
/// <param name="ListOperation">The operation that lists what is waited for.</param>
/// <param name="ListMethod">Its method.</param>
/// <param name="ListArguments">Its arguments.</param>
/// <param name="ListType">What it answers.</param>
/// <param name="ListNullable">Whether that may be <see langword="null"/>.</param>
/// <param name="AnswerOperation">The operation that sends the answers.</param>
/// <param name="AnswerMethod">Its method.</param>
/// <param name="AnswerArguments">Its arguments, the answers among them (<c>answers</c>).</param>
/// <param name="AnswersType">The type of the answers (its request body).</param>
/// <param name="Checked">Answer fields bound to text parameters, checked to be there before they are passed.</param>
/// <param name="AgainMethod">The call read after the answers to know whether more input is waited for, or <see langword="null"/> for one round.</param>
/// <param name="AgainArguments">Its arguments.</param>
/// <param name="AgainProperty">The property of its answer that says so (the same field as the start's).</param>
/// <param name="AgainWrapped">Whether that call answers a response with headers around its model (read through <c>Result</c>).</param>
internal sealed record InputHelper(
    string OperationId,
    string Name,
    string Describe,
    string StartMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<Argument> StartArguments,
    string ResultType,
    string FieldJson,
    string FieldProperty,
    EquatableArray<string> Values,
    string ListOperation,
    string ListMethod,
    EquatableArray<Argument> ListArguments,
    string ListType,
    bool ListNullable,
    string AnswerOperation,
    string AnswerMethod,
    EquatableArray<Argument> AnswerArguments,
    string AnswersType,
    EquatableArray<string> Checked,
    string? AgainMethod,
    EquatableArray<Argument> AgainArguments,
    string? AgainProperty,
    bool AgainWrapped) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => InputEmitter.Emit(this, context);
}
