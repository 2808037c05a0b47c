namespace Strategy.Generated;

/// <summary>How one subscription's run ended, among the runs an event started.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Name">Its name, as listed.</param>
/// <param name="Outcome">
/// Succeeded, failed (also canceled or timed out on the server, or an error reading its status),
/// skipped, or <see cref="StrategyOutcome.Running"/> when it was still running at the time limit.
/// </param>
/// <param name="Status">The run's last status read, if any.</param>
/// <param name="Error">Why it is not a success or a skip: the server's failure, the time limit, or an error.</param>
public sealed record StrategySubscriptionRun(string SubscriptionId, string? Name, StrategyOutcome Outcome, SubscriptionStatus? Status, Exception? Error)
{
    /// <inheritdoc />
    /// <remarks>The id and the name are the server's: cleaned of control characters and cut before they reach a line.</remarks>
    public override string ToString() =>
        $"subscription {ServerText.Clean(SubscriptionId, 100)}{(Name is null ? string.Empty : $" '{ServerText.Clean(Name, 200)}'")}: " + Outcome switch
        {
            StrategyOutcome.Succeeded => "succeeded",
            StrategyOutcome.Skipped => "skipped (nothing to do)",
            StrategyOutcome.Running => "still running when the time limit ran out",
            _ => Error is StrategyOperationFailedException failed ? Reason(failed) : "failed: " + Error?.Message?.TrimEnd('.'),
        };

    private static string Reason(StrategyOperationFailedException failed) =>
        $"{failed.StateName ?? "failed"} (state {failed.State})" + (failed.Failures.Count == 0 ? string.Empty : ": " + StrategyFailure.Join(failed.Failures));
}
