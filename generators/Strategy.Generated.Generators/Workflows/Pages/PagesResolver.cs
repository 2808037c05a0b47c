using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.Pages;

/// <summary>Resolves an <c>x-strategy-pages</c> declaration: the items, the total, the offset and limit parameters.</summary>
internal static class PagesResolver
{
    public static void Resolve(PagesDeclaration pages, ResolveContext context)
    {
        var operation = context.Operation;
        var method = context.Method;
        var places = pages.Places;
        var ok = context.RequireResult(places.Block)
                 && context.RequireField(pages.Items, places.At("items"));
        var offset = ResolveContext.FindParameter(method, pages.Offset);
        var limit = ResolveContext.FindParameter(method, pages.Limit);
        if (offset is null)
        {
            ok = context.Report(Diagnostics.UnknownParameter, places.At("offset"), pages.Offset, method.Name, string.Empty);
        }

        if (limit is null)
        {
            ok = context.Report(Diagnostics.UnknownParameter, places.At("limit"), pages.Limit, method.Name, string.Empty);
        }

        PagesHelper.TotalSource total;
        if (pages.Total is { } field)
        {
            ok &= context.RequireField(field, places.At("total"));
            total = new PagesHelper.TotalSource(IsHeader: false, field, Naming.Pascal(field));
        }
        else
        {
            var header = pages.TotalHeader!;
            if (method.WrappedResponseType is null || !operation.ResponseHeaders.Any(h => string.Equals(h.Name, header, System.StringComparison.OrdinalIgnoreCase)))
            {
                ok = context.Report(Diagnostics.UnknownHeader, places.At("totalHeader"), header, operation.OperationId);
            }

            total = new PagesHelper.TotalSource(IsHeader: true, header, Naming.HeaderProperty(header));
        }

        var items = method.Property(Naming.Pascal(pages.Items));
        if (pages.KeyedBy is { } keyedBy && items?.ElementType is { } element && !element.Contains("IDictionary<string,"))
        {
            // Only an item that is a map (additionalProperties) can be keyed by an id.
            ok = context.Report(Diagnostics.InvalidValue, places.At("keyedBy"), "keyedBy", keyedBy, "usable: the items of '" + pages.Items + "' are " + element + ", not one-key objects (an object schema with additionalProperties)");
        }

        if (!ok || items?.ElementType is null || offset is null || limit is null)
        {
            return;
        }

        context.Add(new PagesHelper(
            operation.OperationId,
            pages.Helper,
            method.Name,
            ResolveContext.Parameters(method, skip: [offset.Name, limit.Name]),
            ResolveContext.WithoutToken(method.Parameters)
                .Select(p => (Argument)new Argument.Named(p.Name == offset.Name ? "offset" : p.Name == limit.Name ? "limit" : p.Name))
                .ToEquatableArray(),
            items.ElementType,
            method.WrappedResponseType is not null,
            items.Name,
            total));
    }
}
