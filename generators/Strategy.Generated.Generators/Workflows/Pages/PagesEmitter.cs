using Strategy.Generated.Generators.Common;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.Pages;

/// <summary>Writes an <c>x-strategy-pages</c> helper: a lazy walk over the pages.</summary>
internal static class PagesEmitter
{
    public static void Emit(PagesHelper pages, EmitContext context)
    {
        var writer = context.Writer;
        var body = pages.Wrapped ? "page.Result" : "page";
        var totalAccess = pages.Total.IsHeader ? "page." + pages.Total.Property : body + "." + pages.Total.Property;
        var totalSource = pages.Total.IsHeader ? "the <c>" + Literals.Xml(pages.Total.Name) + "</c> header" : "the <c>" + Literals.Xml(pages.Total.Name) + "</c> field";
        var docs = new SourceWriter();
        docs.Doc(
            "Walks every item of <c>" + pages.OperationId + "</c>, a page at a time. A page is fetched only when the caller asks for an item past the previous one, "
            + "so a caller that stops early fetches no more. The walk stops at the total count from " + totalSource
            + " (or at the first short page when the server sends no total).");
        ParameterDocs(docs, pages.Parameters, "Passed to <c>" + pages.ListMethod + "</c>.");
        docs.Line("/// <param name=\"pageSize\">How many items to ask for per call (1,000 by default, as the official client asks).</param>");
        docs.Line("/// <param name=\"prefetchPages\">How many following pages to fetch while the caller reads, once the total is known (0, the default, fetches one page at a time). Order and laziness are kept; stopping early cancels them.</param>");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the walk.</param>");
        docs.Line("/// <returns>The items, in the server's order.</returns>");
        docs.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"pageSize\"/> is less than 1 (checked at the call, before anything is sent).</exception>");
        ApiExceptionDoc(docs);
        context.Member(
            docs,
            "public virtual ",
            "global::System.Collections.Generic.IAsyncEnumerable<" + pages.ItemType + "> " + Runtime.Async(pages.Name) + "(" + Signature(pages.Parameters, "int pageSize = 1000", "int prefetchPages = 0", Runtime.TokenParameter) + ")");
        context.Validate(pages.Parameters);
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);");
        writer.Line("global::System.ArgumentOutOfRangeException.ThrowIfNegative(prefetchPages);");
        writer.Line("return " + Runtime.Paging + ".EnumerateAsync(");
        writer.Line("    " + Workflow(pages.Name, pages.Parameters) + ",");
        writer.Line("    (offset, limit, ct) => " + pages.ListMethod + "(" + Arguments(pages.ListArguments, "ct") + "),");
        writer.Line("    page => " + body + "." + pages.ItemsProperty + ",");
        writer.Line("    page => " + totalAccess + ",");
        writer.Line("    pageSize,");
        writer.Line("    prefetchPages,");
        writer.Line("    cancellationToken);");
        writer.Close();
        writer.Line();
    }
}
