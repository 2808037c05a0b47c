namespace Strategy.Generated;

/// <summary>One observation while waiting: the status the server answered, reported through <see cref="IProgress{T}"/>.</summary>
/// <typeparam name="TStatus">The status model, such as <see cref="ModelTask"/> or <see cref="PublishStatus"/>.</typeparam>
/// <param name="Status">The status as answered.</param>
/// <param name="State">The status value as sent (for example <c>running</c> or <c>1</c>).</param>
/// <param name="Attempt">Which status call this was, from 1.</param>
/// <param name="Elapsed">How long the wait has taken so far.</param>
public sealed record StrategyWaitProgress<TStatus>(TStatus Status, string State, int Attempt, TimeSpan Elapsed) : IStrategyWaitProgress
{
    private readonly string? _words;

    /// <summary>
    /// The status for people, as the spec words it: <c>1 (queued or running)</c> for a publish,
    /// <c>0 (executing)</c> for a subscription run still going; <see cref="State"/> when the spec gives no words.
    /// </summary>
    public string Words
    {
        get => _words ?? State;
        init => _words = value;
    }

    /// <summary>The resource the work runs in (such as a data model instance) for scoped workflows; otherwise <see langword="null"/>.</summary>
    public string? ResourceId { get; init; }

    /// <summary>How many times the resource expired and the work was started again in a new one (0 or 1).</summary>
    public int Reopens { get; init; }

    /// <inheritdoc />
    object? IStrategyWaitProgress.StatusValue => Status;
}
