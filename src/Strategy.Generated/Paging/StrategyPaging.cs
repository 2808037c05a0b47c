using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Strategy.Generated;

/// <summary>
/// The one paging loop the generated <c>Enumerate…Async</c> helpers call (as Azure.Core's
/// <c>PageableHelpers</c>): offset/limit pages fetched only as the caller reads on.
/// </summary>
internal static class StrategyPaging
{
    /// <summary>
    /// Walks every item, a page at a time. A page is fetched only when the caller asks for an item
    /// past the previous one. The walk stops at the total when the server sends one, else at the
    /// first short page, and always at an empty page.
    /// </summary>
    public static async IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem>(
        StrategyWorkflow workflow,
        Func<int, int, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> itemsOf,
        Func<TPage, int?> totalOf,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The span covers the whole walk; it is the current span only while a page is fetched,
        // never while the caller's loop body runs between items.
        var caller = Activity.Current;
        using var span = WorkflowSpan.Start(workflow);
        Activity.Current = caller;
        var offset = 0;
        var pages = 0;
        while (true)
        {
            TPage page;
            Activity.Current = span.Activity ?? caller;
            try
            {
                page = await fetch(offset, pageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                span.Failed(ex);
                throw;
            }
            finally
            {
                Activity.Current = caller;
            }

            pages++;
            span.Tag("strategy.pages", pages);
            var count = 0;
            foreach (var item in itemsOf(page) ?? [])
            {
                count++;
                yield return item;
            }

            offset += count;
            span.Tag("strategy.items", offset);
            if (count == 0 || (totalOf(page) is { } total ? offset >= total : count < pageSize))
            {
                yield break;
            }
        }
    }
}
