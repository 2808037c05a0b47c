namespace Strategy.Generated;

/// <summary>
/// How requests are retried. Idempotent requests (GET, PUT, DELETE) are retried on 408, 429,
/// 500, 502, 503, 504 and connection failures; other requests (login, create instance, publish,
/// reload, create subscription) only when the connection could not be made, so the server
/// cannot have acted.
/// </summary>
public sealed record StrategyRetryOptions
{
    /// <summary>The defaults.</summary>
    public static StrategyRetryOptions Default { get; } = new();

    /// <summary>No retries at all.</summary>
    public static StrategyRetryOptions Disabled { get; } = new() { Enabled = false };

    /// <summary>Whether to retry. Default <see langword="true"/>.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How many times to retry after the first attempt. Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first delay; later ones grow exponentially, with jitter. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between attempts (a longer <c>Retry-After</c> still wins). Default 10 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt of an idempotent request may take before it is abandoned and retried. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
