namespace Strategy.Generated;

/// <summary>
/// The one runtime for every start-and-wait helper (<c>x-strategy-start</c>): check the options
/// before anything is sent, start the work, and wait for it, all under one workflow span.
/// </summary>
internal static class StrategyStart
{
    /// <param name="workflow">The helper's name and span tags.</param>
    /// <param name="options">The wait options, checked before the work starts.</param>
    /// <param name="start">Starts the work; <see langword="null"/> when the server did it before answering.</param>
    /// <param name="wait">Waits for the work the start answered.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The final status, or <see langword="null"/> when there was nothing to wait for.</returns>
    public static async Task<TResult?> RunAsync<TStarted, TResult>(
        StrategyWorkflow workflow,
        StrategyWaitOptions? options,
        Func<CancellationToken, Task<TStarted?>> start,
        Func<TStarted, Task<TResult>> wait,
        CancellationToken cancellationToken)
        where TStarted : class
        where TResult : class
    {
        (options ?? StrategyWaitOptions.Default).Validate();
        using var span = WorkflowSpan.Start(workflow);
        try
        {
            var started = await start(cancellationToken).ConfigureAwait(false);
            if (started is null)
            {
                span.Outcome("done_synchronously");
                return null;
            }

            return await wait(started).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            span.Failed(ex);
            throw;
        }
    }
}
