using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Start;

/// <summary>Resolves an <c>x-strategy-start</c> declaration: the wait it names, the parameters it fixes, the answer fields it binds.</summary>
internal static class StartResolver
{
    public static void Resolve(StartDeclaration start, ResolveContext context)
    {
        var places = start.Places;
        if (context.Wait(start.Wait, places.At("wait"), start.WaitTag, places.At("waitTag")) is not { } target)
        {
            return;
        }

        if (!target.Resumable)
        {
            // A start answers its work as an operation with a resume token; a wait that cannot be resumed cannot make one.
            context.Report(Diagnostics.StartNotResumable, places.At("wait"), start.Wait, target.NotResumableBecause!);
            return;
        }

        var operation = context.Operation;
        var method = context.Method;
        var ok = true;
        var answer = method.ResultType is null ? StartAnswer.Nothing
            : method.ResultType == target.ResultType ? StartAnswer.Status
            : StartAnswer.Other;
        if (start.DoneOn is { } doneOn && !operation.SuccessStatuses.Contains(doneOn))
        {
            ok = context.Report(Diagnostics.UnknownSuccessStatus, places.At("doneOn"), doneOn, string.Join(", ", operation.SuccessStatuses));
        }

        var setArguments = context.SetArguments(start.Set, places, ref ok);

        var waitArguments = new List<Argument>();
        foreach (var parameter in target.Parameters)
        {
            var bind = start.Bind.FirstOrDefault(b => ResolveContext.SameName(b.Name, parameter.Name));
            if (bind is not null && answer == StartAnswer.Nothing)
            {
                ok = context.Report(Diagnostics.NoResponseBody, places.At("bind." + bind.Name), method.Name, " to bind '" + bind.Value + "' from (leave bind out: the wait takes the helper's own arguments)");
            }
            else if (bind is not null)
            {
                ok &= context.RequireField(bind.Value, places.At("bind." + bind.Name));
                waitArguments.Add(new Argument.AnswerField(Naming.Pascal(bind.Value)));
            }
            else if (ResolveContext.FindParameter(method, parameter.Name) is { } own)
            {
                waitArguments.Add(new Argument.Named(own.Name));
            }
            else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
            {
                // An optional parameter of the status call that the start does not have keeps the server's default.
                waitArguments.Add(new Argument.Omitted());
            }
            else
            {
                ok = context.Report(Diagnostics.UnknownParameter, places.At("wait"), parameter.Name, method.Name, " (bind it to a response field)");
            }
        }

        CancelCall? cancel = null;
        if (start.Cancel is { } cancelOperation && cancelOperation != StartDeclaration.Never && answer == StartAnswer.Nothing)
        {
            ok = context.Report(Diagnostics.NoResponseBody, places.At("cancel"), method.Name, " to name the work to cancel from");
        }
        else if (start.Cancel is { } cancelOperation2 && cancelOperation2 != StartDeclaration.Never)
        {
            cancel = ResolveCancel(context, cancelOperation2, places.At("cancel"), target, waitArguments, ref ok);
        }

        var requirement = start.Requires is { } requires ? ResolveRequirement(context, requires, ref ok) : null;
        if (!ok)
        {
            return;
        }

        context.Add(new StartHelper(
            operation.OperationId,
            start.Helper,
            method.Name,
            ResolveContext.Parameters(method, skip: setArguments.Keys),
            ResolveContext.WithoutToken(method.Parameters).Select(p => setArguments.TryGetValue(p.Name, out var value) ? value : new Argument.Named(p.Name)).ToEquatableArray(),
            target.Helper,
            target.OperationId,
            waitArguments.ToEquatableArray(),
            target.ResultType,
            answer,
            start.DoneOn,
            target.ClientClassName == context.Client.Name ? null : target.ClientClassName,
            target.TellsRuns && answer == StartAnswer.Nothing ? (target.NoStatusHelper is { } none ? Runtime.Async(none) : target.StatusMethod) : null,
            "Start" + StartBase(start.Helper))
        {
            Cancel = cancel,
            TokenArguments = target.Parameters.Zip(waitArguments, (p, a) => new NamedArgument(p.Name, a))
                .Where(a => a.Argument is Argument.Named or Argument.AnswerField)
                .ToEquatableArray(),
            RunField = target.RunField,
            CannotStop = start.Cancel == StartDeclaration.Never,
            Requirement = requirement,
        });
    }

    /// <summary>
    /// The call that reads the object before the start, with the start's own arguments by name, and the
    /// path to the field that must hold one of the values; the start form reads it before anything is sent.
    /// </summary>
    private static Requirement? ResolveRequirement(ResolveContext context, StartDeclaration.RequiresRule requires, ref bool ok)
    {
        var places = requires.Places;
        var operation = context.Operations.FirstOrDefault(o => o.OperationId == requires.Read);
        if (operation is null || context.MethodOf(requires.Read) is not { } method)
        {
            ok = context.Report(Diagnostics.UnknownOperation, places.At("read"), requires.Read, Naming.DidYouMean(requires.Read, context.Operations.Select(o => o.OperationId)));
            return null;
        }

        if (operation.ClientClassName != context.Client.Name)
        {
            ok = context.Report(Diagnostics.OperationInAnotherClient, places.At("read"), requires.Read, "it is in " + operation.ClientClassName + ", and the requirement is read by the start's own client");
            return null;
        }

        var arguments = new List<Argument>();
        NamedArgument? subject = null;
        foreach (var parameter in ResolveContext.WithoutToken(method.Parameters))
        {
            if (ResolveContext.FindParameter(context.Method, parameter.Name) is { } own)
            {
                arguments.Add(new Argument.Named(own.Name));
                subject ??= new NamedArgument(Naming.Label(own.Name), new Argument.Named(own.Name));
            }
            else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
            {
                arguments.Add(new Argument.Omitted());
            }
            else
            {
                ok = context.Report(Diagnostics.UnknownParameter, places.At("read"), parameter.Name, context.Method.Name, " (the requirement's call takes the start's arguments, by name)");
                return null;
            }
        }

        var path = requires.Field.Split('.');
        var properties = operation.ResponseProperties;
        Spec.SpecProperty? property = null;
        foreach (var segment in path)
        {
            property = properties.FirstOrDefault(p => p.Name == segment);
            if (property is null)
            {
                ok = context.Report(Diagnostics.UnknownResponseField, places.At("field"), requires.Field, requires.Read, Naming.DidYouMean(segment, properties.Select(p => p.Name)));
                return null;
            }

            properties = property.Schema.Properties;
        }

        var allowed = property!.Schema.Values;
        for (var i = 0; i < requires.Values.Count; i++)
        {
            if (allowed.Count > 0 && !allowed.Contains(requires.Values[i]))
            {
                ok = context.Report(Diagnostics.ImpossibleValue, places.At("values[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"), requires.Values[i], requires.Field, "its schema does not allow (" + string.Join(", ", allowed) + ")");
            }
        }

        return ok ? new Requirement(method.Name, arguments.ToEquatableArray(), path.ToEquatableArray(), requires.Values, requires.Describe, subject) : null;
    }

    /// <summary>The start form's name without <c>Start</c>: the helper's up to its <c>AndWait</c> (<c>ReloadSchemaAndWait</c> is <c>ReloadSchema</c>).</summary>
    private static string StartBase(string helper)
    {
        var and = helper.IndexOf("And", System.StringComparison.Ordinal);
        return and > 0 ? helper.Substring(0, and) : helper;
    }

    /// <summary>The cancel call: its parameters are taken as the wait's (a bound answer field, the helper's own), by name.</summary>
    private static CancelCall? ResolveCancel(ResolveContext context, string operationId, Spec.SpecLocation location, WaitTarget target, List<Argument> waitArguments, ref bool ok)
    {
        var operation = context.Operations.FirstOrDefault(o => o.OperationId == operationId);
        if (operation is null || context.MethodOf(operationId) is not { } method)
        {
            ok = context.Report(Diagnostics.UnknownOperation, location, operationId, Naming.DidYouMean(operationId, context.Operations.Select(o => o.OperationId)) + " (or write never, for work that cannot be stopped)");
            return null;
        }

        var arguments = new List<Argument>();
        string? label = null;
        foreach (var parameter in ResolveContext.WithoutToken(method.Parameters))
        {
            var index = -1;
            for (var i = 0; i < target.Parameters.Count && index < 0; i++)
            {
                index = ResolveContext.SameName(target.Parameters[i].Name, parameter.Name) ? i : -1;
            }

            if (index >= 0 && index < waitArguments.Count)
            {
                arguments.Add(waitArguments[index]);
                label ??= Naming.Label(parameter.Name);
            }
            else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
            {
                arguments.Add(new Argument.Omitted());
            }
            else
            {
                ok = context.Report(Diagnostics.UnknownParameter, location, parameter.Name, target.StatusMethod, " (the cancel call takes its arguments from the wait's, by name)");
                return null;
            }
        }

        return new CancelCall(operationId, operation.ClientClassName == context.Client.Name ? null : operation.ClientClassName, method.Name, arguments.ToEquatableArray(), label ?? "work");
    }
}
