using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Wait;

/// <summary><c>x-strategy-wait</c>: poll a status operation until it says the work succeeded, failed or was skipped. Reads the declaration.</summary>
internal sealed class WaitKind : DeclarationKind
{
    public const string Name = "x-strategy-wait";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry)
    {
        var e = entry;
        var failedItems = e.Nested("failedItems") is { } items ? ReadFailedItems(items) : null;
        var finished = e.Nested("finished") is { } over ? ReadFinished(over) : null;
        var noStatus = e.Nested("noStatus") is { } none ? ReadNoStatus(none) : null;
        var details = e.NestedList("details").Select(ReadDetails).OfType<WaitDeclaration.DetailsRule>().ToEquatableArray();
        var failed = e.List("failed", required: false);
        var failedBelow = e.Integer("failedBelow");
        if (failed.Count == 0 && failedBelow is null && failedItems is null && finished is null)
        {
            e.Missing("failed (or failedBelow, failedItems, or finished)");
        }

        return new WaitDeclaration(
            e.Identifier("helper"),
            e.Optional("describe") ?? e.OperationId,
            e.Required("status"),
            e.List("running", required: false),
            e.List("succeeded", required: true),
            failed,
            e.List("skipped", required: false),
            failedBelow,
            e.Optional("errors"),
            failedItems,
            finished,
            e.Optional("run"),
            noStatus,
            details,
            e.Pairs("words"),
            e.Places);
    }

    private static WaitDeclaration.FailedItemsRule? ReadFailedItems(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.FailedItemsRule(
            e.Required("items"),
            e.Required("status"),
            e.List("values", required: true),
            e.Optional("subject"),
            e.Optional("code"),
            e.Optional("message"),
            e.Places);
        return e.Failed ? null : rule;
    }

    private static WaitDeclaration.FinishedRule? ReadFinished(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.FinishedRule(e.Required("field"), e.List("values", required: true), e.Places);
        return e.Failed ? null : rule;
    }

    private static WaitDeclaration.NoStatusRule? ReadNoStatus(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.NoStatusRule(e.Identifier("helper"), e.Required("status"), e.Required("code"), e.Required("message"), e.Places);
        if (!e.Failed && !Literals.IsInteger(rule.Status))
        {
            e.Invalid("status", rule.Status, "an HTTP status code");
        }

        return e.Failed ? null : rule;
    }

    private static WaitDeclaration.DetailsRule? ReadDetails(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.DetailsRule(e.Required("items"), e.Optional("error") ?? "error", e.Optional("subject"), e.Places);
        return e.Failed ? null : rule;
    }
}
