namespace Strategy.Generated;

/// <summary>Runs work over items with at most a given number at once, answers in the items' order; the first failure fails the whole run once the others in flight have ended.</summary>
internal static class Bounded
{
    public static async Task<IReadOnlyList<TResult>> RunAsync<TItem, TResult>(IReadOnlyList<TItem> items, int maxConcurrency, Func<TItem, Task<TResult>> work, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Count];
        var next = -1;
        var failed = 0;
        async Task WorkerAsync()
        {
            int index;
            while (Volatile.Read(ref failed) == 0 && (index = Interlocked.Increment(ref next)) < items.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    results[index] = await work(items[index]).ConfigureAwait(false);
                }
                catch
                {
                    // The others start nothing new: the run has failed.
                    Interlocked.Exchange(ref failed, 1);
                    throw;
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Min(Math.Max(1, maxConcurrency), Math.Max(1, items.Count))).Select(_ => Task.Run(WorkerAsync, cancellationToken)).ToList();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return results;
    }
}
