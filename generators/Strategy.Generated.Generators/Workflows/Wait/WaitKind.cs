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
        if (e.Nested("httpStatus") is { } http)
        {
            return ReadHttpStatus(e, http);
        }

        var failedItems = e.Nested("failedItems") is { } items ? ReadFailedItems(items) : null;
        var finished = e.Nested("finished") is { } over ? ReadFinished(over) : null;
        var noStatus = e.Nested("noStatus") is { } none ? ReadNoStatus(none) : null;
        var vanishes = e.Nested("vanishes") is { } gone ? ReadVanishes(gone) : null;
        var details = e.NestedList("details").Select(ReadDetails).OfType<WaitDeclaration.DetailsRule>().ToEquatableArray();
        var failed = e.List("failed", required: false);
        var failedBelow = e.Integer("failedBelow");
        var each = e.Optional("each");
        if (each is not null)
        {
            // Every item's status is read alike: the settings that read one status's other fields do not apply.
            foreach (var single in new[] { "header", "failedBelow", "errors", "failedItems", "finished", "run", "noStatus", "details", "words", "message", "vanishes", "skipped" })
            {
                if (e.Has(single))
                {
                    e.Conflict(single, "each");
                }
            }
        }
        else if (failed.Count == 0 && failedBelow is null && failedItems is null && finished is null)
        {
            e.Missing("failed (or failedBelow, failedItems, or finished)");
        }

        var status = e.Optional("status");
        var header = e.Optional("header");
        if (status is null && header is null)
        {
            e.Missing("status (or header)");
        }
        else if (status is not null && header is not null)
        {
            e.Conflict("header", "status");
        }

        if (header is not null)
        {
            // A header holds flags and nothing else: the settings that read fields of a body do not apply.
            foreach (var bodyOnly in new[] { "failedBelow", "errors", "failedItems", "finished", "run", "noStatus", "details", "words", "message", "vanishes" })
            {
                if (e.Has(bodyOnly))
                {
                    e.Conflict(bodyOnly, "header");
                }
            }
        }

        return new WaitDeclaration(
            e.Identifier("helper"),
            e.Optional("describe") ?? e.OperationId,
            status,
            header,
            e.Optional("message"),
            vanishes,
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
            e.Places)
        {
            Each = each,
        };
    }

    // What a wait on the HTTP status does not take: every setting that reads a body or a header.
    private static readonly string[] BodyOrHeaderKeys = ["status", "each", "header", "running", "succeeded", "failed", "skipped", "failedBelow", "errors", "failedItems", "finished", "run", "noStatus", "details", "words", "message", "vanishes"];

    private static readonly string[] HttpStatusKeys = ["running", "succeeded", "failed"];

    /// <summary>A wait on the answer's HTTP status: its codes are all it reads, so the settings that read a body or a header do not apply.</summary>
    private static WaitDeclaration ReadHttpStatus(DeclarationEntry e, DeclarationEntry http)
    {
        foreach (var other in BodyOrHeaderKeys)
        {
            if (e.Has(other))
            {
                e.Conflict(other, "httpStatus");
                e.Optional(other);
            }
        }

        var codes = HttpStatusKeys.Select(key => (Key: key, Values: http.List(key, required: key == "succeeded"))).ToList();
        foreach (var (key, values) in codes)
        {
            foreach (var value in values.Where(v => !Literals.IsInteger(v)))
            {
                http.Invalid(key, value, "an HTTP status code");
            }
        }

        var rule = new WaitDeclaration.HttpStatusRule(codes[0].Values, codes[1].Values, codes[2].Values, http.Optional("retryAfter"), http.Places);
        return new WaitDeclaration(
            e.Identifier("helper"),
            e.Optional("describe") ?? e.OperationId,
            null,
            null,
            null,
            null,
            rule.Running,
            rule.Succeeded,
            rule.Failed,
            EquatableArray<string>.Empty,
            null,
            null,
            null,
            null,
            null,
            null,
            EquatableArray<WaitDeclaration.DetailsRule>.Empty,
            EquatableArray<Spec.NamedValue>.Empty,
            e.Places)
        {
            HttpStatus = rule,
        };
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
        var rule = new WaitDeclaration.NoStatusRule(e.Identifier("helper"), e.Required("status"), e.Required("code"), e.Required("message"), e.Optional("unavailable"), e.Places);
        if (!e.Failed && !Literals.IsInteger(rule.Status))
        {
            e.Invalid("status", rule.Status, "an HTTP status code");
        }

        return e.Failed ? null : rule;
    }

    private static WaitDeclaration.VanishesRule? ReadVanishes(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.VanishesRule(e.List("on", required: true), e.Required("subject"), e.Required("confirm"), e.Identifier("record"), e.Optional("id"), e.Places);
        for (var i = 0; i < rule.On.Count; i++)
        {
            if (!Literals.IsInteger(rule.On[i]))
            {
                e.Invalid("on", rule.On[i], "an HTTP status code");
            }
        }

        return e.Failed ? null : rule;
    }

    private static WaitDeclaration.DetailsRule? ReadDetails(DeclarationEntry e)
    {
        var rule = new WaitDeclaration.DetailsRule(e.Required("items"), e.Optional("error") ?? "error", e.Optional("subject"), e.Places);
        return e.Failed ? null : rule;
    }
}
