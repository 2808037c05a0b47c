using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// Statuses in words, for people: the same words from the <c>strategy</c> command and the PowerShell
/// module (publish codes are the server's: 0, 1, 5, 6 and negative errors).
/// </summary>
internal static class StatusWords
{
    public static string Publish(PublishStatus status)
    {
        var overall = status.Status switch
        {
            0 => "every table loaded",
            1 => "queued or running",
            5 => "reserved",
            6 => "schema compared",
            < 0 => FormattableString.Invariant($"failed (Intelligence Server error {status.Status})"),
            _ => FormattableString.Invariant($"status {status.Status}"),
        };
        var tables = (status.Tables ?? [])
            .Where(t => t is not null)
            .GroupBy(t => Words(StrategyEnums.ToWireName(t, "status", t.Status) ?? "unknown"))
            .Select(g => FormattableString.Invariant($"{g.Count()} {g.Key}"))
            .ToList();
        return tables.Count == 0 ? overall : $"{overall}; tables: {string.Join(", ", tables)}";
    }

    /// <summary>One table's state in words (<c>schema_comparison_completed</c> reads as <c>schema comparison completed</c>).</summary>
    public static string Table(PublishTableStatus table) => Words(StrategyEnums.ToWireName(table, "status", table.Status) ?? "unknown");

    /// <summary>A subscription run's status in words: executing until its stage says finished, then how it ended.</summary>
    public static string Run(SubscriptionStatus status) => status.Outcome switch
    {
        StrategyOutcome.Running => "executing",
        StrategyOutcome.Succeeded => "succeeded",
        StrategyOutcome.Skipped => "skipped (the server had nothing to do)",
        _ => StrategyEnums.ToWireName(status, "state", (SubscriptionRunState?)status.State) switch
        {
            "2" => "failed",
            "3" => "canceled",
            "4" => "timed out on the server",
            var other => $"ended with state {other}",
        },
    };

    /// <summary>One subscription's run among several (the runs an event started): <c>id: succeeded</c>.</summary>
    public static string RunOf(SubscriptionStatus status) => $"{status.Id}: {Run(status)}";

    /// <summary>Each content of a run and how it went: <c>_test api: ok</c>, or its error.</summary>
    public static IEnumerable<string> Contents(SubscriptionStatus status) =>
        (status.Contents ?? []).Where(c => c is not null).Select(c =>
            $"{c.Name ?? "content"}: {(c.Error is { } error ? $"error {error.Code}: {error.Message}" : status.Outcome == StrategyOutcome.Running ? "running" : "ok")}");

    private static string Words(string wireName) => wireName.Replace('_', ' ');
}
