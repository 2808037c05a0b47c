using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows;

// x-strategy-pages: walk an offset/limit list lazily.

/// <summary><c>x-strategy-pages</c>: this operation lists items a page at a time.</summary>
internal sealed record PagesDeclaration(
    string Helper,
    string Items,
    string? Total,
    string? TotalHeader,
    string Offset,
    string Limit,
    SpecPlaces Places);

/// <summary>Walks an offset/limit list lazily.</summary>
internal sealed record PagesHelper(
    string OperationId,
    string Name,
    string ListMethod,
    EquatableArray<HelperParameter> Parameters,
    EquatableArray<string> ListArguments,
    string ItemType,
    string ItemsAccess,
    string TotalAccess,
    string TotalSource);

/// <summary>Reads the <c>x-strategy-pages</c> declaration.</summary>
internal sealed partial class WorkflowReader
{
    internal static PagesDeclaration ReadPages(Entry e)
    {
        var total = e.Optional("total");
        var totalHeader = e.Optional("totalHeader");
        if (total is null && totalHeader is null)
        {
            e.Missing("total (or totalHeader)");
        }

        return new PagesDeclaration(
            e.Identifier("helper"),
            e.Required("items"),
            total,
            totalHeader,
            e.Optional("offset") ?? "offset",
            e.Optional("limit") ?? "limit",
            e.Places);
    }
}

/// <summary>Resolves the <c>x-strategy-pages</c> declaration against the generated client.</summary>
internal sealed partial class WorkflowsBuilder
{
    internal void AddPages(SpecOperation operation, BoundOperation bound, PagesDeclaration pages)
    {
        const string Extension = PagesKind.Name;
        var method = bound.Method;
        var places = pages.Places;
        var ok = RequireResult(Extension, operation, method, places.Block)
                 && RequireField(Extension, operation, method, pages.Items, places.At("items"));
        var offset = FindParameter(method, pages.Offset);
        var limit = FindParameter(method, pages.Limit);
        if (offset is null)
        {
            ok = Report(Diagnostics.UnknownField, places.At("offset"), Extension, operation.OperationId, "parameter", pages.Offset, method.Name);
        }

        if (limit is null)
        {
            ok = Report(Diagnostics.UnknownField, places.At("limit"), Extension, operation.OperationId, "parameter", pages.Limit, method.Name);
        }

        var result = method.WrappedResponseType is null ? "page" : "page.Result";
        string totalAccess;
        string totalSource;
        if (pages.Total is { } total)
        {
            ok &= RequireField(Extension, operation, method, total, places.At("total"));
            totalAccess = result + "." + Naming.Pascal(total);
            totalSource = "the <c>" + Literals.Xml(total) + "</c> field";
        }
        else
        {
            var header = pages.TotalHeader!;
            if (method.WrappedResponseType is null || !operation.ResponseHeaders.Any(h => string.Equals(h.Name, header, System.StringComparison.OrdinalIgnoreCase)))
            {
                ok = Report(Diagnostics.UnknownField, places.At("totalHeader"), Extension, operation.OperationId, "response header", header, operation.OperationId + " (declared and wrapped)");
            }

            totalAccess = "page." + Naming.HeaderProperty(header);
            totalSource = "the <c>" + Literals.Xml(header) + "</c> header";
        }

        var items = method.Property(Naming.Pascal(pages.Items));
        if (!ok || items?.ElementType is null || offset is null || limit is null)
        {
            return;
        }

        Add(bound.Client, PagesKind.Name, new PagesHelper(
            operation.OperationId,
            pages.Helper + "Async",
            method.Name,
            Parameters(method, skip: [offset.Name, limit.Name]),
            WithoutToken(method.Parameters)
                .Select(p => p.Name == offset.Name ? "offset" : p.Name == limit.Name ? "limit" : p.Name)
                .ToEquatableArray(),
            items.ElementType,
            result + "." + items.Name,
            totalAccess,
            totalSource));
    }
}

/// <summary>Emits the <c>x-strategy-pages</c> helper.</summary>
internal static partial class WorkflowsEmitter
{
    internal static void EmitPages(SourceWriter writer, List<InterfaceMember> members, PagesHelper pages)
    {
        var docs = new SourceWriter();
        docs.Doc(
            "Walks every item of <c>" + pages.OperationId + "</c>, a page at a time. A page is fetched only when the caller asks for an item past the previous one, "
            + "so a caller that stops early fetches no more. The walk stops at the total count from " + pages.TotalSource
            + " (or at the first short page when the server sends no total).");
        ParameterDocs(docs, pages.Parameters, "Passed to <c>" + pages.ListMethod + "</c>.");
        docs.Line("/// <param name=\"pageSize\">How many items to ask for per call (1,000 by default, as the official client asks).</param>");
        docs.Line("/// <param name=\"prefetchPages\">How many following pages to fetch while the caller reads, once the total is known (0, the default, fetches one page at a time). Order and laziness are kept; stopping early cancels them.</param>");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the walk.</param>");
        docs.Line("/// <returns>The items, in the server's order.</returns>");
        docs.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"pageSize\"/> is less than 1 (checked at the call, before anything is sent).</exception>");
        ApiExceptionDoc(docs);
        Member(
            writer,
            members,
            docs,
            "public virtual ",
            "global::System.Collections.Generic.IAsyncEnumerable<" + pages.ItemType + "> " + pages.Name + "(" + Signature(pages.Parameters, "int pageSize = 1000", "int prefetchPages = 0", TokenParameter) + ")");
        Validate(writer, pages.Parameters);
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);");
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(prefetchPages);");
        writer.Line("return " + Runtime + "StrategyPaging.EnumerateAsync(");
        writer.Line("    " + Workflow(pages.Name, pages.Parameters) + ",");
        writer.Line("    (offset, limit, ct) => " + pages.ListMethod + "(" + Arguments(pages.ListArguments, "ct") + "),");
        writer.Line("    page => " + pages.ItemsAccess + ",");
        writer.Line("    page => " + pages.TotalAccess + ",");
        writer.Line("    pageSize,");
        writer.Line("    prefetchPages,");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();
    }
}

/// <summary>The <c>x-strategy-pages</c> kind: its reading, resolving and emitting are the partial slices in this file.</summary>
internal sealed class PagesKind : DeclarationKind<PagesDeclaration, PagesHelper>
{
    public const string Name = "x-strategy-pages";

    public override string Extension => Name;

    public override int Order => 4;

    protected override PagesDeclaration? ReadDeclaration(WorkflowReader reader, WorkflowReader.Entry entry) => WorkflowReader.ReadPages(entry);

    protected override void Resolve(WorkflowsBuilder builder, BoundOperation bound, PagesDeclaration declaration) => builder.AddPages(bound.Operation, bound, declaration);

    protected override void Emit(HelperEmission emission, PagesHelper helper) => WorkflowsEmitter.EmitPages(emission.Writer, emission.Members, helper);
}

/// <summary>Registers the <c>x-strategy-pages</c> kind.</summary>
internal static partial class DeclarationKinds
{
    private static readonly DeclarationKind PagesRegistered = Register(new PagesKind());
}
