namespace Strategy.Generated.Tests.Support;

internal static class Waits
{
    /// <summary>Polls as fast as possible, so tests never sleep on a wall clock.</summary>
    public static StrategyWaitOptions Fast { get; } = new()
    {
        MinimumDelay = TimeSpan.FromMilliseconds(1),
        MaximumDelay = TimeSpan.FromMilliseconds(2),
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Waits so long between polls that only cancellation can end the delay.</summary>
    public static StrategyWaitOptions Slow { get; } = Fast with { MinimumDelay = TimeSpan.FromMinutes(5), MaximumDelay = TimeSpan.FromMinutes(5), Timeout = TimeSpan.FromHours(1) };
}

/// <summary>Records progress reports synchronously (<see cref="Progress{T}"/> would post them later).</summary>
internal sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    public List<T> Reports { get; } = [];

    public void Report(T value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
