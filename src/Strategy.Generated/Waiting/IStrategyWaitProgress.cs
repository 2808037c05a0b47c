namespace Strategy.Generated;

/// <summary>
/// One observation while waiting, whatever the status's type: what a progress display needs, as
/// values, formatted where it is shown. Every <see cref="StrategyWaitProgress{TStatus}"/> is one, so an
/// <see cref="IProgress{T}"/> of this type receives the progress of any wait
/// (<see cref="StrategyWork.WaitForCompletionUntypedAsync"/>, or any typed helper).
/// </summary>
public interface IStrategyWaitProgress
{
    /// <summary>The status as answered, untyped.</summary>
    object? StatusValue { get; }

    /// <summary>The status value as sent (for example <c>running</c> or <c>1</c>).</summary>
    string State { get; }

    /// <summary>The status for people, as the spec words it; <see cref="State"/> when the spec gives no words.</summary>
    string Words { get; }

    /// <summary>Which status call this was, from 1 (0 for the answer that started the work).</summary>
    int Attempt { get; }

    /// <summary>How long the wait has taken so far.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>The resource the work runs in (such as a data model instance) for scoped workflows; otherwise <see langword="null"/>.</summary>
    string? ResourceId { get; }

    /// <summary>How many times the resource expired and the work was started again in a new one (0 or 1).</summary>
    int Reopens { get; }
}
