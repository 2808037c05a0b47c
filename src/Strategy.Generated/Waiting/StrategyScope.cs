
namespace Strategy.Generated;

/// <summary>What the spec's <c>x-strategy-scope</c> declares about one scoped workflow, as the generated code passes it.</summary>
/// <param name="Operation">The scoped operation, such as <c>PublishDataModel</c>.</param>
/// <param name="Resource">What the scope holds, such as <c>instance</c>.</param>
/// <param name="Description">The workflow and its arguments, for messages.</param>
/// <param name="ReopenOn">The error code that says the resource is gone and may be replaced (<c>reopen.on</c>); <see langword="null"/> never reopens.</param>
/// <param name="NotRepeatable">The parts of this request that make starting the work again unsafe (<c>reopen.repeatable</c>).</param>
internal sealed record StrategyScopeDeclaration(string Operation, string Resource, string Description, string? ReopenOn, IReadOnlyList<string> NotRepeatable);

/// <summary>One scoped workflow as the generated helper hands it over: what it is, and its four calls.</summary>
/// <param name="Workflow">The helper and the ids it works on, for its span.</param>
/// <param name="Scope">What the spec declares of the scope.</param>
/// <param name="Open">Opens the resource and answers its id.</param>
/// <param name="Start">Starts the work in the resource.</param>
/// <param name="Wait">Waits for the work, with the options (the time left) and progress given.</param>
/// <param name="Close">Closes the resource.</param>
/// <typeparam name="TStatus">The status the wait answers.</typeparam>
internal sealed record StrategyScopeWork<TStatus>(
    StrategyWorkflow Workflow,
    StrategyScopeDeclaration Scope,
    Func<CancellationToken, Task<string>> Open,
    Func<string, CancellationToken, Task> Start,
    Func<string, StrategyWaitOptions, IProgress<StrategyWaitProgress<TStatus>>?, CancellationToken, Task<TStatus>> Wait,
    Func<string, CancellationToken, Task> Close);

/// <summary>
/// The one runtime for every scoped workflow: open a resource, start the work in it, wait, and
/// close the resource whatever happens, under its own time limit. When the resource expires and
/// the spec says how to tell, the work is started again once in a new resource, if that is safe.
/// </summary>
internal static class StrategyScope
{
    public static async Task<TStatus> RunAsync<TStatus>(
        StrategyScopeWork<TStatus> work,
        StrategyWaitOptions? options,
        IProgress<StrategyWaitProgress<TStatus>>? progress,
        CancellationToken cancellationToken)
    {
        var (workflow, scope, open, start, wait, close) = work;

        // Checked before anything is sent: bad options must not leave a resource behind.
        using var run = WorkflowRun.Start(workflow, options);
        options = run.Options;
        var span = run.Span;
        try
        {
            var reopens = 0;
            var budget = new ConnectionFailureBudget(options.MaxConsecutiveTransientFailures);

            while (true)
            {
                string resourceId;
                using (ConnectionFailureBudget.Use(budget))
                {
                    // Opening and starting count against the workflow's one limit: a server that does not answer them cannot hold it past the limit.
                    // Cancelled while the open is in flight, it still gets the clean-up limit to answer: only the id lets the clean-up delete what the server made.
                    resourceId = await run.StartingGracedAsync(open, cancellationToken).ConfigureAwait(false);
                }

                StrategyCleanup.Notify(options, Resource(scope, resourceId));
                span.Tag("strategy." + scope.Resource + "_id", resourceId);
                var serverGone = false;
                var workStarted = false;
                try
                {
                    // Cancelled while it was opening: nothing more is sent, and the finally deletes it.
                    cancellationToken.ThrowIfCancellationRequested();
                    using (ConnectionFailureBudget.Use(budget))
                    {
                        await run.StartingAsync<object?>(
                            async ct =>
                            {
                                await start(resourceId, ct).ConfigureAwait(false);
                                return null;
                            },
                            cancellationToken).ConfigureAwait(false);
                    }

                    workStarted = true;
                    if (run.Deadline.Left <= TimeSpan.Zero)
                    {
                        throw run.Deadline.TimedOut(scope.Description, 0, null);
                    }

                    // The wait gets the time left after opening and starting, so the whole workflow keeps one limit;
                    // at that limit it reports the workflow's limit and the time it really took.
                    var stamped = progress is null ? null : new ResourceProgress<TStatus>(progress, resourceId, reopens);
                    return await wait(resourceId, run.Options, stamped, cancellationToken).ConfigureAwait(false);
                }
                catch (StrategyApiException ex) when (IsGone(scope, ex) && !cancellationToken.IsCancellationRequested)
                {
                    // A status call (or the start itself) says the resource expired on the server.
                    if (reopens > 0)
                    {
                        throw new StrategyResourceExpiredException(scope.Operation, scope.Resource, resourceId, [], reopens, ex);
                    }

                    if (workStarted && scope.NotRepeatable.Count > 0)
                    {
                        throw new StrategyResourceExpiredException(scope.Operation, scope.Resource, resourceId, scope.NotRepeatable, reopens, ex);
                    }

                    reopens++;
                    StrategyCleanup.Notify(options, Resource(scope, resourceId) with { Kind = StrategyScopeEventKind.Reopening, Error = ex });
                    span.Event("strategy." + scope.Resource + "_reopened", "strategy." + scope.Resource + "_id", resourceId);
                    span.Tag("strategy.reopens", reopens);
                }
                catch (StrategyUnreachableException)
                {
                    serverGone = true;
                    throw;
                }
                finally
                {
                    await StrategyCleanup.CloseAsync(Resource(scope, resourceId), options, ct => close(resourceId, ct), serverGone, cancellationToken.IsCancellationRequested).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex)
        {
            run.Failed(ex);
            throw;
        }
    }

    /// <summary>The resource as its first event names it (opened).</summary>
    private static StrategyScopeEvent Resource(StrategyScopeDeclaration scope, string resourceId) =>
        new(StrategyScopeEventKind.Opened, scope.Operation, scope.Resource, resourceId);

    private static bool IsGone(StrategyScopeDeclaration scope, StrategyApiException error) =>
        scope.ReopenOn is { } code && string.Equals(error.ErrorCode, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>Stamps each report with the resource it came from.</summary>
    private sealed class ResourceProgress<TStatus>(IProgress<StrategyWaitProgress<TStatus>> inner, string resourceId, int reopens) : IProgress<StrategyWaitProgress<TStatus>>
    {
        public void Report(StrategyWaitProgress<TStatus> value) => inner.Report(value with { ResourceId = resourceId, Reopens = reopens });
    }
}
