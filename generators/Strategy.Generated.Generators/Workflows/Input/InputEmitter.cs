using System.Linq;
using Strategy.Generated.Generators.Common;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.Input;

/// <summary>Writes an <c>x-strategy-input</c> helper: start, and when the work waits for input, list it, ask the caller, answer.</summary>
internal static class InputEmitter
{
    /// <summary>How many rounds of answers nested input may take before the helper gives up (answers that never close it).</summary>
    private const int MaxRounds = 20;

    public static void Emit(InputHelper input, EmitContext context)
    {
        var writer = context.Writer;
        var answerer = "global::System.Func<" + input.ListType + ", global::System.Threading.CancellationToken, " + Runtime.Tasks + "Task<" + input.AnswersType + ">>";
        var docs = new SourceWriter();
        docs.Doc(
            "Calls <c>" + input.OperationId + "</c> to start the work. When its answer says the work waits for " + Literals.Xml(input.Describe) + " (<c>" + Literals.Xml(input.FieldJson) + "</c> " + Values(input.Values) + "), "
            + "lists them with <c>" + input.ListOperation + "</c>, asks <paramref name=\"answerInput\"/> for the answers and sends them with <c>" + input.AnswerOperation + "</c>; the work then goes on.\n"
            + (input.AgainMethod is null ? string.Empty : "Input can be nested: after each round of answers <c>" + input.AgainMethod + "</c> says whether the work waits again, and while it does, the new list is answered the same way (at most " + MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " rounds).\n")
            + "Answers what the start answered; the work may still be running (wait for it as its status operation says).");
        ParameterDocs(docs, input.Parameters, "Passed to <c>" + input.StartMethod + "</c>.");
        docs.Line("/// <param name=\"answerInput\">Answers the " + Literals.Xml(input.Describe) + " the work waits for, given the list; called only when it waits. An exception it throws ends the helper before anything is answered.</param>");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the calls.</param>");
        docs.Line("/// <returns>The start's answer.</returns>");
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual async ", Runtime.Tasks + "Task<" + input.ResultType + "> " + Runtime.Async(input.Name) + "(" + Signature(input.Parameters, [answerer + " answerInput"], Runtime.TokenParameter) + ")");
        context.Validate(input.Parameters);
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(answerInput);");
        writer.Line("var started = await " + input.StartMethod + "(" + Arguments(input.StartArguments, "cancellationToken") + ").ConfigureAwait(false);");
        writer.Open("if (" + Runtime.Wire + ".ValueOf(started, " + Quote(input.FieldJson) + ", started." + input.FieldProperty + ") is not (" + Patterns(input.Values) + "))");
        writer.Line("return started;");
        writer.Close();
        writer.Line();
        foreach (var field in input.Checked)
        {
            writer.Open("if (string.IsNullOrEmpty(started." + field + "))");
            writer.Line("throw new " + Runtime.ApiException + "(" + Quote(input.OperationId + " answered that the work waits for " + input.Describe + ", but not its " + Camel(field) + ", so they cannot be answered.") + ", 0, null, null, null);");
            writer.Close();
            writer.Line();
        }

        // A bound text field was checked above: passed on as present.
        string Bound(Argument argument) => argument is Argument.AnswerField f && input.Checked.Contains(f.Property) ? "started." + f.Property + "!" : Render(argument);
        var listCall = input.ListMethod + "(" + string.Join(", ", input.ListArguments.Select(Bound).Concat(["cancellationToken"])) + ")";
        var waiting = input.ListNullable
            ? "await " + listCall + ".ConfigureAwait(false) ?? throw new " + Runtime.ApiException + "(" + Quote(input.ListOperation + " answered no list of the " + input.Describe + " waited for.") + ", 0, null, null, null)"
            : "await " + listCall + ".ConfigureAwait(false)";
        var answerCall = "await " + input.AnswerMethod + "(" + string.Join(", ", input.AnswerArguments.Select(Bound).Concat(["cancellationToken"])) + ").ConfigureAwait(false);";
        if (input.AgainMethod is not { } again)
        {
            writer.Line("var waiting = " + waiting + ";");
            writer.Line("var answers = await answerInput(waiting, cancellationToken).ConfigureAwait(false);");
            writer.Line(answerCall);
            writer.Line("return started;");
            writer.Close();
            writer.Line();
            return;
        }

        // Nested input: answered round after round while the work still waits, as the again call says.
        writer.Open("for (var round = 1; ; round++)");
        writer.Line("var waiting = " + waiting + ";");
        writer.Line("var answers = await answerInput(waiting, cancellationToken).ConfigureAwait(false);");
        writer.Line(answerCall);
        writer.Line("var after = " + (input.AgainWrapped ? "(await " : "await ") + again + "(" + string.Join(", ", input.AgainArguments.Select(Bound).Concat(["cancellationToken"])) + ").ConfigureAwait(false)" + (input.AgainWrapped ? ").Result;" : ";"));
        writer.Open("if (" + Runtime.Wire + ".ValueOf(after, " + Quote(input.FieldJson) + ", after." + input.AgainProperty + ") is not (" + Patterns(input.Values) + "))");
        writer.Line("return started;");
        writer.Close();
        writer.Line();
        writer.Open("if (round == " + MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")");
        writer.Line("throw new " + Runtime.ApiException + "(" + Quote(input.OperationId + " still waited for " + input.Describe + " after " + MaxRounds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " rounds of answers: the answers do not close them.") + ", 0, null, null, null);");
        writer.Close();
        writer.Close();
        writer.Close();
        writer.Line();
    }
}
