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
    /// Walks every item, a page at a time. Without prefetch a page is fetched only when the caller
    /// asks for an item past the previous one. With <paramref name="prefetchPages"/> above 0 and the
    /// total known, up to that many following pages are fetched while the caller reads, in order;
    /// a caller that stops early cancels them. The walk stops at the total when the server sends
    /// one, else at the first short page, and always at an empty page.
    /// </summary>
    public static async IAsyncEnumerable<TItem> EnumerateAsync<TPage, TItem>(
        StrategyWorkflow workflow,
        Func<int, int, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> itemsOf,
        Func<TPage, int?> totalOf,
        int pageSize,
        int prefetchPages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The span covers the whole walk; it is the current span only while pages are requested,
        // never while the caller's loop body runs between items.
        var caller = Activity.Current;
        using var span = WorkflowSpan.Start(workflow);
        Activity.Current = caller;

        // Pages fetched ahead (in order), cancelled when the caller stops early.
        using var ahead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var prefetched = new Queue<(int Offset, Task<TPage> Page)>();
        var offset = 0;
        var nextAhead = -1;
        var pages = 0;
        try
        {
            var page = await FetchAsync(offset).ConfigureAwait(false);
            while (true)
            {
                pages++;
                var items = (itemsOf(page) ?? []).ToList();
                var total = totalOf(page);

                // Ahead only once the total is known and the server honours the page size, so that
                // every following page starts at a known offset.
                if (prefetchPages > 0 && total is { } known && items.Count == pageSize)
                {
                    if (nextAhead < 0)
                    {
                        nextAhead = offset + pageSize;
                    }

                    Activity.Current = span.Activity ?? caller;
                    while (prefetched.Count < prefetchPages && nextAhead < known)
                    {
                        prefetched.Enqueue((nextAhead, fetch(nextAhead, pageSize, ahead.Token)));
                        nextAhead += pageSize;
                    }

                    Activity.Current = caller;
                }

                foreach (var item in items)
                {
                    yield return item;
                }

                offset += items.Count;
                span.Tag("strategy.pages", pages);
                span.Tag("strategy.items", offset);
                if (items.Count == 0 || (total is { } all ? offset >= all : items.Count < pageSize))
                {
                    yield break;
                }

                if (prefetched.Count > 0 && prefetched.Peek().Offset == offset)
                {
                    page = await AwaitAsync(prefetched.Dequeue().Page).ConfigureAwait(false);
                }
                else
                {
                    // A short page broke the fixed offsets: drop what was fetched ahead and go on one by one.
                    await DrainAsync().ConfigureAwait(false);
                    nextAhead = -1;
                    page = await FetchAsync(offset).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await ahead.CancelAsync().ConfigureAwait(false);
            await DrainAsync().ConfigureAwait(false);
        }

        async Task<TPage> FetchAsync(int at)
        {
            Activity.Current = span.Activity ?? caller;
            try
            {
                return await AwaitAsync(fetch(at, pageSize, cancellationToken)).ConfigureAwait(false);
            }
            finally
            {
                Activity.Current = caller;
            }
        }

        async Task<TPage> AwaitAsync(Task<TPage> pending)
        {
            try
            {
                return await pending.ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                span.Failed(ex);
                throw;
            }
        }

        async Task DrainAsync()
        {
            while (prefetched.Count > 0)
            {
                try
                {
                    await prefetched.Dequeue().Page.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // A page nobody will read: its failure is of no consequence.
                }
            }
        }
    }
}
