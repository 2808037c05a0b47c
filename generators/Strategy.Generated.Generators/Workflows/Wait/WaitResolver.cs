using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.Wait;

/// <summary>Resolves an <c>x-strategy-wait</c> declaration against its status operation's client method.</summary>
internal static class WaitResolver
{
    public static void Resolve(WaitDeclaration wait, ResolveContext context)
    {
        // Those that wait with it know it has one, even if it is reported below.
        context.DeclareWait();
        var operation = context.Operation;
        var method = context.Method;
        var places = wait.Places;
        var ok = context.RequireResult(places.Block);
        ok &= context.RequireField(wait.Status, places.At("status"));
        var statusSchema = context.ResponseSchema(wait.Status);
        var running = context.CheckValues(wait.Status, statusSchema, wait.Running, places, "running", ref ok);
        var succeeded = context.CheckValues(wait.Status, statusSchema, wait.Succeeded, places, "succeeded", ref ok);
        var failed = context.CheckValues(wait.Status, statusSchema, wait.Failed, places, "failed", ref ok);
        var skipped = context.CheckValues(wait.Status, statusSchema, wait.Skipped, places, "skipped", ref ok);
        if (wait.Errors is { } errors)
        {
            ok &= context.RequireField(errors, places.At("errors"));
            ok &= RequireErrorObjects(context, errors, places.At("errors"));
        }

        WaitHelper.FailedItemsCheck? failedItems = null;
        if (wait.FailedItems is { } items)
        {
            var itemFields = new[] { items.Status, items.Subject, items.Code, items.Message }.OfType<string>().ToArray();
            ok &= context.RequireField(items.Items, items.Places.At("items"))
                  && context.RequireItemFields(items.Items, items.Places.At("items"), itemFields);
            var itemStatus = operation.ResponseProperties.FirstOrDefault(p => p.Name == items.Items)?.ItemProperty(items.Status)?.Schema ?? SpecSchema.Unknown;
            failedItems = new WaitHelper.FailedItemsCheck(
                Naming.Pascal(items.Items),
                items.Status,
                Naming.Pascal(items.Status),
                context.CheckValues(items.Items + "[]." + items.Status, itemStatus, items.Values, items.Places, "values", ref ok),
                items.Subject is null ? null : Naming.Pascal(items.Subject),
                items.Code is null ? null : Naming.Pascal(items.Code),
                items.Message is null ? null : Naming.Pascal(items.Message));
        }

        WaitHelper.FinishedCheck? finished = null;
        if (wait.Finished is { } over)
        {
            ok &= context.RequireField(over.Field, over.Places.At("field"));
            var fieldSchema = context.ResponseSchema(over.Field);
            finished = new WaitHelper.FinishedCheck(over.Field, Naming.Pascal(over.Field), context.CheckValues(over.Field, fieldSchema, over.Values, over.Places, "values", ref ok), ResolveContext.ValueNames(fieldSchema));
        }

        WaitHelper.RunField? run = null;
        if (wait.Run is { } runField)
        {
            ok &= context.RequireField(runField, places.At("run"));
            run = new WaitHelper.RunField(runField, Naming.Pascal(runField));
        }

        WaitHelper.NoStatusAnswer? noStatus = null;
        if (wait.NoStatus is { } none)
        {
            noStatus = new WaitHelper.NoStatusAnswer(none.Helper, int.Parse(none.Status, System.Globalization.CultureInfo.InvariantCulture), none.Code, none.Message);
        }

        var details = new List<WaitHelper.DetailsSource>();
        foreach (var detail in wait.Details)
        {
            var list = operation.ResponseProperties.FirstOrDefault(p => p.Name == detail.Items);
            if (list is null || list.Schema.Items is null || method.Property(Naming.Pascal(detail.Items)) is null)
            {
                ok = context.Report(Diagnostics.UnknownList, detail.Places.At("items"), detail.Items, "the response of " + operation.OperationId);
                continue;
            }

            var error = list.ItemProperty(detail.Error);
            if (error is null)
            {
                ok = context.Report(Diagnostics.UnknownItemField, detail.Places.At("error"), detail.Error, detail.Items, string.Empty);
            }
            else if (error.Schema.Property("code") is null || error.Schema.Property("message") is null)
            {
                ok = context.Report(Diagnostics.NotAnErrorObject, detail.Places.At("error"), detail.Items + "[]." + detail.Error);
            }

            if (detail.Subject is { } subject && list.ItemProperty(subject) is null)
            {
                ok = context.Report(Diagnostics.UnknownItemField, detail.Places.At("subject"), subject, detail.Items, string.Empty);
            }

            details.Add(new WaitHelper.DetailsSource(Naming.Pascal(detail.Items), Naming.Pascal(detail.Error), detail.Subject is null ? null : Naming.Pascal(detail.Subject)));
        }

        // Each value given words must be one the field can hold, or the words would never show.
        var words = new List<NamedValue>();
        foreach (var word in wait.Words)
        {
            var value = context.CheckValues(wait.Status, statusSchema, new[] { word.Name }.ToEquatableArray(), places, "words." + word.Name, ref ok, keyIsPlace: true);
            if (value.Count == 1)
            {
                words.Add(new NamedValue(word.Value, value[0]));
            }
        }

        if (!ok)
        {
            return;
        }

        var helper = new WaitHelper(
            operation.OperationId,
            wait.Helper,
            method.Name,
            ResolveContext.Parameters(method, skip: []),
            method.ResultType!,
            wait.Describe,
            wait.Status,
            Naming.Pascal(wait.Status),
            running,
            succeeded,
            failed,
            skipped,
            ResolveContext.ValueNames(statusSchema),
            wait.FailedBelow,
            wait.Errors is null ? null : Naming.Pascal(wait.Errors),
            wait.Errors is null ? null : method.Property(Naming.Pascal(wait.Errors))?.ElementType,
            failedItems,
            finished,
            run,
            noStatus,
            details.ToEquatableArray(),
            words.ToEquatableArray(),
            // The status model says what it means (Outcome) when one wait reads it and it has no property of that name.
            context.Declarations<WaitDeclaration>().Count(w => w.Bound.Method.ResultType == method.ResultType) == 1
            && method.Property("Outcome") is null);
        context.Add(helper);
        context.ProvideWait(new WaitTarget(
            operation.OperationId,
            operation.Tag,
            context.Client.Name,
            method.Name,
            wait.Helper,
            method.ResultType!,
            ResolveContext.WithoutToken(method.Parameters).ToEquatableArray(),
            run is not null,
            noStatus?.Helper));
    }

    /// <summary>The items of an error list must be error objects: a <c>code</c> and a <c>message</c>.</summary>
    private static bool RequireErrorObjects(ResolveContext context, string list, SpecLocation location)
    {
        var items = context.Operation.ResponseProperties.FirstOrDefault(p => p.Name == list)?.ItemProperties ?? EquatableArray<string>.Empty;
        return (items.Contains("code") && items.Contains("message")) || context.Report(Diagnostics.NotAnErrorObject, location, list + "[]");
    }
}
