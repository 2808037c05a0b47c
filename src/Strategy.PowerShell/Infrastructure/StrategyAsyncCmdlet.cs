using System.Collections.Concurrent;
using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>
/// What every cmdlet of the module shares, <c>Connect-StrategyServer</c> included: a cancellation
/// that Ctrl+C triggers (<see cref="StopProcessing"/>), one time limit over all its work
/// (-TimeoutSec), async work run to completion while its progress, verbose lines and objects are
/// written on the pipeline's thread, and failures as error records with the category and id
/// PowerShell users branch on.
/// </summary>
public abstract class StrategyAsyncCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    // Bounded, so a lazy list reads ahead of the pipeline by at most this many items.
    private readonly BlockingCollection<Action> _toWrite = new(boundedCapacity: 256);

    /// <summary>How long a stopped cmdlet waits for the work's clean-up (deleting an instance, at most the library's clean-up limit).</summary>
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many seconds the cmdlet may take in all: the login, every call and any wait (default 600).
    /// At the limit it stops with an error: OperationTimeout when the work was still running on the
    /// server, ConnectionError when the server did not answer. Clean-up after it has its own limit.
    /// </summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TimeoutSec { get; set; }

    /// <summary>The time limit of the cmdlet's work: -TimeoutSec, or the library's default for a workflow.</summary>
    protected TimeSpan TimeLimit => TimeoutSec is { } seconds ? TimeSpan.FromSeconds(seconds) : StrategyWaitOptions.Default.Timeout;

    /// <summary>Cancels the work in progress: Ctrl+C, or a pipeline that stops. Clean-up still runs.</summary>
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Releases the cancellation and the write queue; PowerShell calls it when the pipeline ends.</summary>
    public void Dispose()
    {
        _stopping.Dispose();
        _toWrite.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes from any thread: the action runs on the pipeline's thread while <see cref="Run{T}"/> waits.</summary>
    protected void Post(Action write) => _toWrite.Add(write);

    /// <summary>Writes a progress record from any thread, on the pipeline's thread.</summary>
    internal void PostProgress(ProgressRecord record) => Post(() => WriteProgress(record));

    /// <summary>Wait options with the cmdlet's time limit (-TimeoutSec), and every step of a scoped workflow written with -Verbose.</summary>
    protected StrategyWaitOptions Waits() => StrategyWaitOptions.Default with
    {
        Timeout = TimeLimit,
        ScopeChanged = change => Post(() => WriteVerbose(Describe(change))),
    };

    /// <summary>Progress of a wait as <c>Write-Progress</c>, one activity per cmdlet; each status in words, or the wait's own state without <paramref name="describe"/>.</summary>
    protected IProgress<StrategyWaitProgress<T>> Progress<T>(string activity, Func<T, string>? describe = null) =>
        new PostedProgress(this, activity, describe is null ? null : status => status is T typed ? describe(typed) : null);

    /// <summary>Progress of any wait, typed or resumed from a token, as <c>Write-Progress</c>: each status in the spec's words.</summary>
    protected IProgress<IStrategyWaitProgress> Progress(string activity) => new PostedProgress(this, activity, null);

    /// <summary>
    /// Runs <paramref name="work"/> to its end, writing what it posts on this thread as it comes.
    /// A failure becomes a terminating error record; Ctrl+C ends the pipeline once clean-up has run.
    /// </summary>
    protected T Run<T>(Func<CancellationToken, Task<T>> work)
    {
        try
        {
            return Await(work);
        }
        catch (Exception ex) when (Errors.Record(ex, null) is { } record)
        {
            ThrowTerminatingError(record);
            throw;
        }
    }

    /// <summary>Reads a parameter value; one that makes no sense is a terminating <c>InvalidArgument</c> error in the user's terms.</summary>
    protected T Argument<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(Errors.Record(ex, null)!);
            throw;
        }
    }

    /// <summary>Runs work that answers nothing.</summary>
    protected void Run(Func<CancellationToken, Task> work) => Run<object?>(async token =>
    {
        await work(token).ConfigureAwait(false);
        return null;
    });

    /// <summary>
    /// Runs work for one pipeline item. What concerns that item alone, a missing item or a run that
    /// failed, is a non-terminating error so the other items go on; any other failure (the server,
    /// the session, the network), and Ctrl+C, end the pipeline.
    /// </summary>
    protected T? RunForItem<T>(object target, Func<CancellationToken, Task<T>> work)
        where T : class
    {
        try
        {
            return Await(work);
        }
        catch (Exception ex) when (Errors.Record(ex, target) is { } record)
        {
            if (record.CategoryInfo.Category is not (ErrorCategory.ObjectNotFound or ErrorCategory.InvalidResult))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
            return null;
        }
    }

    /// <summary>Runs work that answers nothing for one pipeline item; answers whether it succeeded.</summary>
    protected bool RunForItem(object target, Func<CancellationToken, Task> work) =>
        RunForItem<object>(target, async token =>
        {
            await work(token).ConfigureAwait(false);
            return target;
        }) is not null;

    /// <summary>
    /// Runs the work on the thread pool and writes what it posts here until it ends; answers its
    /// result or throws its failure. When writing throws (the pipeline stops, or a downstream
    /// <c>Select-Object -First</c> has what it wanted), the work is cancelled and its clean-up
    /// awaited before the exception goes on, so nothing is left on the server.
    /// </summary>
    private T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        // One limit over all of it (StrategyTimeLimit): the login, every call and the wait end by then, typed.
        var limit = TimeLimit;
        var task = Task.Run(async () =>
        {
            using (StrategyTimeLimit.Begin(limit))
            {
                return await work(_stopping.Token).ConfigureAwait(false);
            }
        });
        try
        {
            while (!task.IsCompleted || _toWrite.Count > 0)
            {
                if (_toWrite.TryTake(out var write, 50))
                {
                    write();
                }
            }
        }
        catch
        {
            _stopping.Cancel();
            var cleanupEnds = DateTime.UtcNow + CleanupLimit;
            while (!task.IsCompleted && DateTime.UtcNow < cleanupEnds)
            {
                // Nothing can be written any more; draining keeps the work from blocking on a full queue.
                _toWrite.TryTake(out _, 50);
            }

            throw;
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Streams the items of a lazy list onto the pipeline as they arrive; the next page is read as the pipeline takes these.</summary>
    protected void RunEach<T>(Func<CancellationToken, IAsyncEnumerable<T>> items, Func<T, bool>? keep = null) =>
        Run(async token =>
        {
            await foreach (var item in items(token).WithCancellation(token).ConfigureAwait(false))
            {
                if (item is not null && (keep is null || keep(item)))
                {
                    Post(() => WriteObject(item));
                }
            }
        });

    private static string Describe(StrategyScopeEvent change) => change.Kind switch
    {
        StrategyScopeEventKind.Opened => $"Opened {change.Resource} {change.ResourceId} for {change.Operation}.",
        StrategyScopeEventKind.Reopening => $"The {change.Resource} {change.ResourceId} expired on the server; opening a new one and starting {change.Operation} again.",
        StrategyScopeEventKind.Closing => $"Deleting {change.Resource} {change.ResourceId}{(change.Cancelled ? " (stopped)" : string.Empty)}.",
        StrategyScopeEventKind.Closed => $"Deleted {change.Resource} {change.ResourceId}.",
        _ => $"Could not delete {change.Resource} {change.ResourceId} ({change.Error?.Message}); it stays until it expires.",
    };

    /// <summary>Reports each status of a wait with <c>Write-Progress</c> and <c>Write-Verbose</c>, from the thread the wait runs on.</summary>
    /// <remarks>It receives progress as values from any wait (<see cref="IProgress{T}"/> is contravariant) and formats it here, once.</remarks>
    private sealed class PostedProgress(StrategyAsyncCmdlet cmdlet, string activity, Func<object, string?>? describe) : IProgress<IStrategyWaitProgress>
    {
        private readonly int _id = Math.Abs(activity.GetHashCode()) % 1000;

        public void Report(IStrategyWaitProgress value)
        {
            var words = (value.StatusValue is { } current ? describe?.Invoke(current) : null) ?? value.Words;
            var status = FormattableString.Invariant($"{words} ({value.Elapsed.TotalSeconds:0.0} s, check {value.Attempt})");
            cmdlet.Post(() =>
            {
                cmdlet.WriteProgress(new ProgressRecord(_id, activity, status));
                cmdlet.WriteVerbose($"{activity}: {status}");
            });
        }
    }
}
