using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Input;

/// <summary>Resolves an <c>x-strategy-input</c> declaration: the field that says the work waits, the calls that list and answer, and where their arguments come from.</summary>
internal static class InputResolver
{
    /// <summary>The parameter NSwag gives a request body.</summary>
    private const string BodyParameter = "body";

    public static void Resolve(InputDeclaration input, ResolveContext context)
    {
        var places = input.Places;
        var operation = context.Operation;
        var method = context.Method;
        if (!context.RequireResult(places.Block))
        {
            return;
        }

        var ok = context.RequireField(input.Field, input.WhenPlaces.At("field"));
        var values = context.CheckValues(input.Field, context.ResponseSchema(input.Field), input.Values, input.WhenPlaces, "values", ref ok);

        var setArguments = context.SetArguments(input.Set, places, ref ok);

        foreach (var bind in input.Bind)
        {
            ok &= context.RequireField(bind.Value, places.At("bind." + bind.Name));
        }

        var list = context.SameClientOperation(input.List, places.At("list"));
        var answer = context.SameClientOperation(input.Answer, places.At("answer"));
        var again = input.Again is null ? null : context.SameClientOperation(input.Again, places.At("again"));
        if (!ok || list is null || answer is null || (input.Again is not null && again is null))
        {
            return;
        }

        // Nested input: after the answers the work may wait again, as the same field of this call's answer says.
        var againProperty = Naming.Pascal(input.Field);
        if (again is not null
            && (!context.RequireResult(places.At("again"), again.Method)
                || (again.Method.Property(againProperty) is null
                    && !context.Report(Diagnostics.UnknownResponseField, places.At("again"), input.Field, again.Operation.OperationId, string.Empty))))
        {
            return;
        }

        if (!context.RequireResult(places.At("list"), list.Method))
        {
            return;
        }

        var body = ResolveContext.FindParameter(answer.Method, BodyParameter);
        if (body is null)
        {
            context.Report(Diagnostics.UnknownParameter, places.At("answer"), BodyParameter, answer.Method.Name, " (the answers are its request body)");
            return;
        }

        var checkedFields = new List<string>();
        var listArguments = Arguments(input, context, list.Method, places.At("list"), null, checkedFields, ref ok);
        var answerArguments = Arguments(input, context, answer.Method, places.At("answer"), body.Name, checkedFields, ref ok);
        var againArguments = again is null ? EquatableArray<Argument>.Empty : Arguments(input, context, again.Method, places.At("again"), null, checkedFields, ref ok);
        if (!ok)
        {
            return;
        }

        context.Add(new InputHelper(
            operation.OperationId,
            input.Helper,
            input.Describe,
            method.Name,
            ResolveContext.Parameters(method, skip: setArguments.Keys),
            ResolveContext.WithoutToken(method.Parameters).Select(p => setArguments.TryGetValue(p.Name, out var value) ? value : new Argument.Named(p.Name)).ToEquatableArray(),
            method.ResultType!,
            input.Field,
            Naming.Pascal(input.Field),
            values,
            list.Operation.OperationId,
            list.Method.Name,
            listArguments,
            list.Method.ResultType!,
            list.Method.ResultNullable,
            answer.Operation.OperationId,
            answer.Method.Name,
            answerArguments,
            body.Type,
            checkedFields.Distinct().ToEquatableArray(),
            again?.Method.Name,
            againArguments,
            again is null ? null : againProperty,
            again?.Method.WrappedResponseType is not null));
    }

    /// <summary>
    /// The arguments of the list or answer call, by name: a field of the start's answer (<c>bind</c>),
    /// else the start's own parameter, else the server's default for an optional one.
    /// </summary>
    private static EquatableArray<Argument> Arguments(InputDeclaration input, ResolveContext context, ClientMethod call, Spec.SpecLocation location, string? body, List<string> checkedFields, ref bool ok)
    {
        var arguments = new List<Argument>();
        foreach (var parameter in ResolveContext.WithoutToken(call.Parameters))
        {
            var bind = input.Bind.FirstOrDefault(b => ResolveContext.SameName(b.Name, parameter.Name));
            if (parameter.Name == body)
            {
                arguments.Add(new Argument.Named("answers"));
            }
            else if (bind is not null)
            {
                var property = Naming.Pascal(bind.Value);
                if (context.Method.Property(property)?.Type == "string")
                {
                    checkedFields.Add(property);
                }

                arguments.Add(new Argument.AnswerField(property));
            }
            else if (ResolveContext.FindParameter(context.Method, parameter.Name) is { } own)
            {
                arguments.Add(new Argument.Named(own.Name));
            }
            else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
            {
                arguments.Add(new Argument.Omitted());
            }
            else
            {
                ok = context.Report(Diagnostics.UnknownParameter, location, parameter.Name, context.Method.Name, " (bind it to a field of the start's answer)");
            }
        }

        return arguments.ToEquatableArray();
    }
}
