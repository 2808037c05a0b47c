using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

using Strategy.Generated.Generators.Workflows.Start;

namespace Strategy.Generated.Generators.Workflows.Scope;

/// <summary>Resolves an <c>x-strategy-scope</c> declaration: the operations that open and close the resource, the wait, the reopen rule.</summary>
internal static class ScopeResolver
{
    public static void Resolve(ScopeDeclaration scope, ResolveContext context)
    {
        var places = scope.Places;
        var operation = context.Operation;
        var method = context.Method;
        var wait = context.Wait(scope.Wait, places.At("wait"));
        var open = context.SameClientOperation(scope.Open, places.At("open"));
        var close = context.SameClientOperation(scope.Close, places.At("close"));
        if (wait is null || open is null || close is null)
        {
            return;
        }

        var ok = true;
        if (!open.Operation.ResponseHeaders.Any(h => string.Equals(h.Name, scope.OpenHeader, System.StringComparison.OrdinalIgnoreCase))
            || open.Method.WrappedResponseType is null)
        {
            ok = context.Report(Diagnostics.UnknownHeader, places.At("openHeader"), scope.OpenHeader, open.Operation.OperationId);
        }

        var resource = ResolveContext.FindParameter(method, scope.As)?.Name;
        if (resource is null)
        {
            ok = context.Report(Diagnostics.UnknownParameter, places.At("as"), scope.As, method.Name, string.Empty);
        }

        var helperParameters = ResolveContext.Parameters(method, skip: resource is null ? [] : [resource]);
        Argument[]? Arguments(string called, IEnumerable<ClientParameter> parameters)
        {
            var arguments = new List<Argument>();
            foreach (var parameter in parameters)
            {
                if (resource is not null && ResolveContext.SameName(parameter.Name, resource))
                {
                    arguments.Add(new Argument.Named(resource));
                }
                else if (helperParameters.Any(p => p.Name == parameter.Name))
                {
                    arguments.Add(new Argument.Named(parameter.Name));
                }
                else if (parameter.Type.EndsWith("?", System.StringComparison.Ordinal))
                {
                    // An optional parameter the helper does not offer keeps the server's default.
                    arguments.Add(new Argument.Omitted());
                }
                else
                {
                    ok = context.Report(Diagnostics.UnknownParameter, places.Block, parameter.Name, method.Name, " (needed by " + called + ")");
                    return null;
                }
            }

            return arguments.ToArray();
        }

        ScopeHelper.ReopenCheck? reopen = null;
        if (scope.Reopen is { } reopenRule)
        {
            ScopeHelper.RepeatableCheck? repeatable = null;
            if (reopenRule.Repeatable is { } rule)
            {
                var bodyParameter = helperParameters.FirstOrDefault(p => ResolveContext.SameName(p.Name, rule.Parameter));
                var itemFields = operation.RequestProperties.FirstOrDefault(p => p.Name == rule.Items)?.ItemProperties;
                if (bodyParameter is null)
                {
                    ok = context.Report(Diagnostics.UnknownParameter, rule.Places.At("parameter"), rule.Parameter, method.Name, string.Empty);
                }
                else if (itemFields is null)
                {
                    ok = context.Report(Diagnostics.UnknownList, rule.Places.At("items"), rule.Items, "the request body of " + operation.OperationId);
                }
                else
                {
                    foreach (var (key, field) in new[] { ("field", rule.Field), ("subject", rule.Subject) }.Where(f => f.Item2 is not null && !itemFields.Value.Contains(f.Item2)))
                    {
                        ok = context.Report(Diagnostics.UnknownItemField, rule.Places.At(key), field!, rule.Items, " in the request body" + Naming.DidYouMean(field!, itemFields.Value));
                    }

                    var fieldSchema = operation.RequestProperties.First(p => p.Name == rule.Items).ItemProperty(rule.Field)?.Schema ?? SpecSchema.Unknown;
                    var values = context.CheckValues(rule.Items + "[]." + rule.Field, fieldSchema, rule.Values, rule.Places, "values", ref ok);
                    repeatable = new ScopeHelper.RepeatableCheck(
                        bodyParameter.Name,
                        Naming.Pascal(rule.Items),
                        rule.Field,
                        Naming.Pascal(rule.Field),
                        values,
                        rule.Subject is null ? null : Naming.Pascal(rule.Subject));
                }
            }

            reopen = new ScopeHelper.ReopenCheck(reopenRule.On, repeatable);
        }

        var openArguments = Arguments(open.Method.Name, ResolveContext.WithoutToken(open.Method.Parameters));
        var scopedArguments = Arguments(method.Name, ResolveContext.WithoutToken(method.Parameters));
        var closeArguments = Arguments(close.Method.Name, ResolveContext.WithoutToken(close.Method.Parameters));
        var waitArguments = Arguments(wait.StatusMethod, wait.Parameters);
        if (!ok || openArguments is null || scopedArguments is null || closeArguments is null || waitArguments is null)
        {
            return;
        }

        context.Add(new ScopeHelper(
            operation.OperationId,
            scope.Helper,
            helperParameters,
            open.Operation.OperationId,
            open.Method.Name,
            openArguments.ToEquatableArray(),
            scope.OpenHeader,
            Naming.HeaderProperty(scope.OpenHeader),
            resource!,
            method.Name,
            scopedArguments.ToEquatableArray(),
            close.Operation.OperationId,
            close.Method.Name,
            closeArguments.ToEquatableArray(),
            wait.Helper,
            wait.OperationId,
            waitArguments.ToEquatableArray(),
            wait.ResultType,
            ResourceName(resource!),
            reopen,
            BodyMinimums(operation, helperParameters))
        {
            // An operation is made only when its wait can make one from a token (every argument text).
            TokenArguments = wait.Resumable ? TokenArguments(wait, waitArguments, closeArguments) : null,
        });
    }

    /// <summary>
    /// What the token holds: the wait's arguments by its parameter names (its operation reads them
    /// so), then what the close needs besides (the resource), by the variable's name.
    /// </summary>
    private static EquatableArray<NamedArgument> TokenArguments(WaitTarget wait, Argument[] waitArguments, Argument[] closeArguments)
    {
        var arguments = wait.Parameters.Zip(waitArguments, (p, a) => new NamedArgument(p.Name, a)).Where(a => a.Argument is Argument.Named).ToList();
        foreach (var named in closeArguments.OfType<Argument.Named>())
        {
            if (!arguments.Any(a => a.Argument is Argument.Named known && known.Name == named.Name))
            {
                arguments.Add(new NamedArgument(named.Name, named));
            }
        }

        return arguments.ToEquatableArray();
    }

    /// <summary>The request body's lists with a minItems, for a helper to check before it opens anything.</summary>
    private static EquatableArray<ScopeHelper.MinimumItems> BodyMinimums(SpecOperation operation, EquatableArray<HelperParameter> parameters)
    {
        var body = parameters.FirstOrDefault(p => p.Name == "body");
        return body is null
            ? EquatableArray<ScopeHelper.MinimumItems>.Empty
            : operation.RequestProperties
                .Where(p => p.MinItems > 0)
                .Select(p => new ScopeHelper.MinimumItems(body.Name, p.Name, Naming.Pascal(p.Name), p.MinItems))
                .ToEquatableArray();
    }

    /// <summary><c>instanceId</c> names an <c>instance</c>.</summary>
    private static string ResourceName(string parameter) =>
        parameter.Length > 2 && parameter.EndsWith("Id", System.StringComparison.Ordinal) ? parameter.Substring(0, parameter.Length - 2) : parameter;
}
