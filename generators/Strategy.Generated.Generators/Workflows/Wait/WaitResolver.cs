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
        if (wait.Header is { } header)
        {
            ResolveHeader(wait, header, context);
            return;
        }

        if (wait.HttpStatus is { } http)
        {
            ResolveHttpStatus(wait, http, context);
            return;
        }

        if (wait.Each is { } each)
        {
            ResolveEach(wait, each, context);
            return;
        }

        var operation = context.Operation;
        var method = context.Method;
        var places = wait.Places;
        var status = wait.Status ?? string.Empty;
        var ok = context.RequireResult(places.Block);
        ok &= context.RequireField(status, places.At("status"));
        var statusSchema = context.ResponseSchema(status);
        var running = context.CheckValues(status, statusSchema, wait.Running, places, "running", ref ok);
        var succeeded = context.CheckValues(status, statusSchema, wait.Succeeded, places, "succeeded", ref ok);
        var failed = context.CheckValues(status, statusSchema, wait.Failed, places, "failed", ref ok);
        var skipped = context.CheckValues(status, statusSchema, wait.Skipped, places, "skipped", ref ok);
        if (wait.Errors is { } errors)
        {
            ok &= context.RequireField(errors, places.At("errors"));
            ok &= RequireErrorObjects(context, errors, places.At("errors"));
        }

        if (wait.Message is { } message)
        {
            ok &= context.RequireField(message, places.At("message"));
        }

        var vanishes = wait.Vanishes is { } gone ? ResolveVanishes(gone, context, succeeded, failed, ref ok) : null;

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
            noStatus = new WaitHelper.NoStatusAnswer(none.Helper, int.Parse(none.Status, System.Globalization.CultureInfo.InvariantCulture), none.Code, none.Message, none.Unavailable);
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
            var value = context.CheckValues(status, statusSchema, new[] { word.Name }.ToEquatableArray(), places, "words." + word.Name, ref ok, keyIsPlace: true);
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
            status,
            Naming.Pascal(status),
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
            && method.Property("Outcome") is null)
        {
            MessageProperty = wait.Message is null ? null : Naming.Pascal(wait.Message),
            Vanishes = vanishes,
        };
        context.Add(helper);
        var targetParameters = ResolveContext.WithoutToken(method.Parameters);
        context.ProvideWait(new WaitTarget(
            operation.OperationId,
            operation.Tag,
            context.Client.Name,
            method.Name,
            wait.Helper,
            method.ResultType!,
            (vanishes is null ? targetParameters : targetParameters.Concat(new[] { new Clients.ClientParameter(vanishes.SubjectParameter, "string?") })).ToEquatableArray(),
            run is not null,
            noStatus?.Helper)
        {
            NotResumableBecause = helper.NotResumableBecause,
            RunField = run is null ? null : (run.Json, run.Property),
        });
    }

    /// <summary>
    /// A status read in every item of a list (<c>each</c>): every list along the path must be in the
    /// answer's schema, and the status a field of the innermost items.
    /// </summary>
    private static void ResolveEach(WaitDeclaration wait, string each, ResolveContext context)
    {
        var operation = context.Operation;
        var method = context.Method;
        var places = wait.Places;
        var status = wait.Status ?? string.Empty;
        if (!context.RequireResult(places.Block))
        {
            return;
        }

        var properties = operation.ResponseProperties;
        var path = new List<string>();
        var read = new List<string>();
        SpecSchema? item = null;
        foreach (var segment in each.Split('.'))
        {
            if (properties.FirstOrDefault(p => p.Name == segment)?.Schema.Items is not { } items)
            {
                context.Report(Diagnostics.UnknownList, places.At("each"), segment, (read.Count == 0 ? "the response of " + operation.OperationId : "the items of " + string.Join(".", read)) + Naming.DidYouMean(segment, properties.Select(p => p.Name)));
                return;
            }

            read.Add(segment);
            path.Add(Naming.Pascal(segment));
            item = items;
            properties = items.Properties;
        }

        if (item!.Property(status) is not { } statusField)
        {
            context.Report(Diagnostics.UnknownItemField, places.At("status"), status, each, Naming.DidYouMean(status, properties.Select(p => p.Name)));
            return;
        }

        var ok = true;
        var label = each.Replace(".", "[].") + "[]." + status;
        var running = context.CheckValues(label, statusField.Schema, wait.Running, places, "running", ref ok);
        var succeeded = context.CheckValues(label, statusField.Schema, wait.Succeeded, places, "succeeded", ref ok);
        var failed = context.CheckValues(label, statusField.Schema, wait.Failed, places, "failed", ref ok);
        if (!ok)
        {
            return;
        }

        var helper = WaitHelper.OfValues(operation.OperationId, wait.Helper, method.Name, ResolveContext.Parameters(method, skip: []), method.ResultType!, wait.Describe, label, running, succeeded, failed, ResolveContext.ValueNames(statusField.Schema)) with
        {
            StatusProperty = Naming.Pascal(status),
            Each = path.ToEquatableArray(),
        };
        context.Add(helper);
        ProvideValuesWait(context, wait.Helper, method.Name, method.ResultType!, helper.NotResumableBecause);
    }

    /// <summary>A status read from a response header as a set of flags (<c>header</c>).</summary>
    private static void ResolveHeader(WaitDeclaration wait, string headerName, ResolveContext context)
    {
        var operation = context.Operation;
        var method = context.Method;
        var places = wait.Places;
        var header = operation.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Name, headerName, System.StringComparison.OrdinalIgnoreCase));
        if (header is null)
        {
            context.Report(Diagnostics.UnknownHeader, places.At("header"), headerName, operation.OperationId);
            return;
        }

        if (method.WrappedResponseType is null)
        {
            // STRAT002 says so at the header.
            return;
        }

        var schema = header.Schema;
        var why = header.SchemaName is null ? "its schema is not a reference to a component schema"
            : !schema.Flags ? "its schema " + header.SchemaName + " is not marked x-enumFlags: true"
            : schema.Values.Count == 0 || schema.ValueNames.Count != schema.Values.Count ? "its schema " + header.SchemaName + " does not name each of its values (x-enumNames)"
            : schema.Values.Any(v => !Literals.IsInteger(v)) ? "the values of " + header.SchemaName + " are not numbers"
            : null;
        if (why is not null)
        {
            context.Report(Diagnostics.NotFlags, places.At("header"), headerName, why);
            return;
        }

        var ok = true;
        var running = context.CheckValues(headerName, schema, wait.Running, places, "running", ref ok);
        var succeeded = context.CheckValues(headerName, schema, wait.Succeeded, places, "succeeded", ref ok);
        var failed = context.CheckValues(headerName, schema, wait.Failed, places, "failed", ref ok);
        if (!ok)
        {
            return;
        }

        var flagsType = "global::" + context.Client.Namespace + "." + Naming.Pascal(header.SchemaName!);
        var resultType = Runtime.Flags + "<" + flagsType + ">";
        var readMethod = Naming.Pascal(operation.OperationId) + "Flags";
        context.Add(WaitHelper.OfValues(
            operation.OperationId,
            wait.Helper,
            Runtime.Async(readMethod),
            ResolveContext.Parameters(method, skip: []),
            resultType,
            wait.Describe,
            headerName,
            running,
            succeeded,
            failed,
            schema.Values.Select((value, i) => new NamedValue(schema.ValueNames[i], value)).ToEquatableArray()) with
        {
            Header = new WaitHelper.HeaderFlags(header.Name, flagsType, readMethod, Mask(running), Mask(succeeded), Mask(failed)),
        });
        ProvideValuesWait(context, wait.Helper, Runtime.Async(readMethod), resultType, "it reads flags from a response header, which a resume token cannot rebuild");
    }

    /// <summary>A status that is the answer's HTTP status code (<c>httpStatus</c>): the codes must be ones the operation answers, on a method that shows them.</summary>
    private static void ResolveHttpStatus(WaitDeclaration wait, WaitDeclaration.HttpStatusRule http, ResolveContext context)
    {
        var operation = context.Operation;
        var method = context.Method;
        var ok = true;
        if (method.WrappedResponseType is null || method.ResultType is null)
        {
            var name = method.Name.EndsWith("Async", System.StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
            ok = context.Report(Diagnostics.StatusNotWrapped, http.Places.Block, context.Client.Name + "." + method.Name, context.Client.Name + "." + name);
        }

        foreach (var (key, codes) in new[] { ("running", http.Running), ("succeeded", http.Succeeded), ("failed", http.Failed) })
        {
            for (var i = 0; i < codes.Count; i++)
            {
                // A value that is no code at all was reported where it was read.
                if (Literals.IsInteger(codes[i]) && !operation.SuccessStatuses.Contains(codes[i]))
                {
                    ok = context.Report(Diagnostics.UnknownSuccessStatus, http.Places.At(key + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"), codes[i], string.Join(", ", operation.SuccessStatuses));
                }
            }
        }

        string? retryAfterProperty = null;
        if (http.RetryAfter is { } retryAfter)
        {
            var header = operation.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Name, retryAfter, System.StringComparison.OrdinalIgnoreCase));
            if (header is null)
            {
                ok = context.Report(Diagnostics.UnknownHeader, http.Places.At("retryAfter"), retryAfter, operation.OperationId);
            }
            else if (header.SchemaType != "integer")
            {
                ok = context.Report(Diagnostics.InvalidValue, http.Places.At("retryAfter"), "retryAfter", retryAfter, "a header of whole seconds (its schema type: integer)");
            }

            retryAfterProperty = Naming.HeaderProperty(retryAfter);
        }

        if (!ok)
        {
            return;
        }

        var resultType = "global::" + method.WrappedResponseType + "<" + method.ResultType + ">";
        context.Add(WaitHelper.OfValues(
            operation.OperationId,
            wait.Helper,
            method.Name,
            ResolveContext.Parameters(method, skip: []),
            resultType,
            wait.Describe,
            "HTTP status",
            http.Running,
            http.Succeeded,
            http.Failed,
            EquatableArray<NamedValue>.Empty) with
        {
            HttpStatus = new WaitHelper.HttpCodes(http.RetryAfter, retryAfterProperty),
        });
        ProvideValuesWait(context, wait.Helper, method.Name, resultType, "it reads an HTTP status, which a resume token cannot carry");
    }

    /// <summary>A wait of values only (no runs told apart, no "no status yet"), made known to the starts and scopes that wait with it; <paramref name="notResumableBecause"/> is <see langword="null"/> for one a token can rebuild.</summary>
    private static void ProvideValuesWait(ResolveContext context, string helper, string statusMethod, string resultType, string? notResumableBecause) =>
        context.ProvideWait(new WaitTarget(
            context.Operation.OperationId,
            context.Operation.Tag,
            context.Client.Name,
            statusMethod,
            helper,
            resultType,
            ResolveContext.WithoutToken(context.Method.Parameters).ToEquatableArray(),
            false,
            null)
        {
            NotResumableBecause = notResumableBecause,
        });

    private static long Mask(EquatableArray<string> values) =>
        values.Aggregate(0L, (mask, value) => mask | long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A status that can vanish (<c>vanishes</c>): the header wait that confirms it, and the method that reads the durable record.</summary>
    private static WaitHelper.VanishCheck? ResolveVanishes(WaitDeclaration.VanishesRule gone, ResolveContext context, EquatableArray<string> succeeded, EquatableArray<string> failed, ref bool ok)
    {
        ok &= context.RequireField(gone.Subject, gone.Places.At("subject"));
        if (gone.Id is { } idField)
        {
            ok &= context.RequireField(idField, gone.Places.At("id"));
        }

        var (bound, confirm) = context.Declarations<WaitDeclaration>().FirstOrDefault(d => d.Bound.Operation.OperationId == gone.Confirm);
        if (confirm is null)
        {
            ok = context.Operations.Any(o => o.OperationId == gone.Confirm)
                ? context.Report(Diagnostics.NotAWait, gone.Places.At("confirm"), gone.Confirm)
                : context.Report(Diagnostics.UnknownOperation, gone.Places.At("confirm"), gone.Confirm, Naming.DidYouMean(gone.Confirm, context.Operations.Select(o => o.OperationId)));
            return null;
        }

        if (confirm.Header is not { } headerName)
        {
            ok = context.Report(Diagnostics.NotAHeaderWait, gone.Places.At("confirm"), gone.Confirm);
            return null;
        }

        var header = bound.Operation.ResponseHeaders.FirstOrDefault(h => string.Equals(h.Name, headerName, System.StringComparison.OrdinalIgnoreCase));
        var subject = ResolveContext.WithoutToken(bound.Method.Parameters).FirstOrDefault(p => !p.Type.EndsWith("?", System.StringComparison.Ordinal));
        if (header?.SchemaName is null || subject is null)
        {
            // The confirming wait's own mistakes are reported at its declaration.
            ok = false;
            return null;
        }

        var record = Runtime.Async(gone.Record);
        var method = bound.Client.Methods.FirstOrDefault(m => m.Name == record
            && m.Parameters.Count == 3
            && m.ResultType is { } result && result.Contains(Runtime.LastUpdate));
        if (method is null)
        {
            ok = context.Report(Diagnostics.UnknownRecordMethod, gone.Places.At("record"), gone.Record, bound.Client.Name, record);
            return null;
        }

        return new WaitHelper.VanishCheck(
            gone.On,
            Naming.Pascal(gone.Subject),
            subject.Name,
            Naming.Label(subject.Name),
            bound.Client.Name == context.Client.Name ? null : bound.Client.Name,
            confirm.Helper,
            "global::" + bound.Client.Namespace + "." + Naming.Pascal(header.SchemaName),
            record,
            succeeded.Count > 0 ? succeeded[0] : "succeeded",
            failed.Count > 0 ? failed[0] : "failed",
            gone.Id is null ? null : Naming.Pascal(gone.Id));
    }

    /// <summary>The items of an error list must be error objects: a <c>code</c> and a <c>message</c>.</summary>
    private static bool RequireErrorObjects(ResolveContext context, string list, SpecLocation location)
    {
        var items = context.Operation.ResponseProperties.FirstOrDefault(p => p.Name == list)?.ItemProperties ?? EquatableArray<string>.Empty;
        return (items.Contains("code") && items.Contains("message")) || context.Report(Diagnostics.NotAnErrorObject, location, list + "[]");
    }
}
