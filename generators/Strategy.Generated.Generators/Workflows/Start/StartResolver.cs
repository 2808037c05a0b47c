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

        var setArguments = new Dictionary<string, Argument>();
        foreach (var set in start.Set)
        {
            if (ResolveContext.FindParameter(method, set.Name) is { } parameter)
            {
                setArguments[parameter.Name] = new Argument.Constant(parameter.Type, set.Value);
            }
            else
            {
                ok = context.Report(Diagnostics.UnknownParameter, places.At("set." + set.Name), set.Name, method.Name, string.Empty);
            }
        }

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
            target.NoStatusHelper is not null));
    }
}
