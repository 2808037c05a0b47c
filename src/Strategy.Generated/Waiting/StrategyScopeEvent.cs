namespace Strategy.Generated;

/// <summary>What happened to the resource a scoped workflow (such as <c>PublishAndWaitAsync</c>) holds on the server.</summary>
public enum StrategyScopeEventKind
{
    /// <summary>The resource was created; <see cref="StrategyScopeEvent.ResourceId"/> names it.</summary>
    Opened,

    /// <summary>The resource expired on the server; a new one is opened and the work started again.</summary>
    Reopening,

    /// <summary>The resource is about to be deleted (after success, failure, timeout or cancellation).</summary>
    Closing,

    /// <summary>The resource was deleted, or the server had already let it expire.</summary>
    Closed,

    /// <summary>Deleting the resource failed; it stays on the server until it expires. <see cref="StrategyScopeEvent.Error"/> says why.</summary>
    CloseFailed,
}

/// <summary>One step in the life of the resource a scoped workflow holds, reported through <see cref="StrategyWaitOptions.ScopeChanged"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Operation">The workflow's operation, such as <c>PublishDataModel</c>.</param>
/// <param name="Resource">What the resource is, such as <c>instance</c>.</param>
/// <param name="ResourceId">The resource's id on the server.</param>
public sealed record StrategyScopeEvent(StrategyScopeEventKind Kind, string Operation, string Resource, string ResourceId)
{
    /// <summary>Why the resource is being reopened, or why closing it failed.</summary>
    public Exception? Error { get; init; }

    /// <summary>Whether the workflow was cancelled (set on <see cref="StrategyScopeEventKind.Closing"/> and later events).</summary>
    public bool Cancelled { get; init; }
}
