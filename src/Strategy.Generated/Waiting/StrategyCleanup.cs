namespace Strategy.Generated.Waiting;

/// <summary>Runs clean-up that must happen whatever the caller's token says, under its own time limit.</summary>
internal static class StrategyCleanup
{
    /// <returns>The clean-up's failure, or <see langword="null"/> when it succeeded.</returns>
    public static async Task<Exception?> RunAsync(Func<CancellationToken, Task> cleanup, StrategyWaitOptions? options)
    {
        options ??= StrategyWaitOptions.Default;
        using var timeout = new CancellationTokenSource(options.CleanupTimeout, options.TimeProvider);
        try
        {
            await cleanup(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex;
        }
    }
}
