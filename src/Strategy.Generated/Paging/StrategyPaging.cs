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
        Func<int, int, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>?> itemsOf,
        Func<TPage, int?> totalOf,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var page = await fetch(offset, pageSize, cancellationToken).ConfigureAwait(false);
            var count = 0;
            foreach (var item in itemsOf(page) ?? [])
            {
                count++;
                yield return item;
            }

            offset += count;
            if (count == 0 || (totalOf(page) is { } total ? offset >= total : count < pageSize))
            {
                yield break;
            }
        }
    }
}
