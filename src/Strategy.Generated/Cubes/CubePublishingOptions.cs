namespace Strategy.Generated;

/// <summary>How <see cref="CubesClient.PublishCubesAndWaitAsync"/> publishes many cubes at once.</summary>
public sealed record CubePublishingOptions
{
    /// <summary>The defaults.</summary>
    public static CubePublishingOptions Default { get; } = new();

    /// <summary>How many of these publishes may run on the server at a time. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>
    /// Whether an error answer to a publish says a job limit was reached (the server rejects new
    /// jobs past a project's limit; the caller must submit again). Such a publish is submitted
    /// again after a backoff, never counted as failed. The error is not documented, so it can be
    /// replaced; by default any answer whose message speaks of a job limit.
    /// </summary>
    public Func<StrategyApiException, bool> IsJobLimitRejection { get; init; } = DefaultIsJobLimitRejection;

    /// <summary>The first wait before a rejected publish is submitted again; it doubles up to <see cref="MaxResubmitDelay"/>. Default 1 s.</summary>
    public TimeSpan ResubmitDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a rejected publish is submitted again. Default 30 s.</summary>
    public TimeSpan MaxResubmitDelay { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResubmitDelay, TimeSpan.Zero, nameof(ResubmitDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResubmitDelay, ResubmitDelay, nameof(MaxResubmitDelay));
        ArgumentNullException.ThrowIfNull(IsJobLimitRejection, nameof(IsJobLimitRejection));
    }

    private static bool DefaultIsJobLimitRejection(StrategyApiException error)
    {
        var text = (error.ServerMessage ?? string.Empty) + " " + string.Join(" ", error.Errors?.Select(e => e.Message) ?? []);
        return text.Contains("limit", StringComparison.OrdinalIgnoreCase) && text.Contains("job", StringComparison.OrdinalIgnoreCase);
    }
}
