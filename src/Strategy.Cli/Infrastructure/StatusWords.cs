using System.Globalization;
using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>Publish statuses in words, for people (the codes are the server's: 0, 1, 5, 6 and negative errors).</summary>
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
            < 0 => string.Create(CultureInfo.InvariantCulture, $"failed (Intelligence Server error {status.Status})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"status {status.Status}"),
        };
        var tables = (status.Tables ?? [])
            .Where(t => t is not null)
            .GroupBy(t => Words(StrategyEnums.ToWireName(t, "status", t.Status) ?? "unknown"))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"))
            .ToList();
        return tables.Count == 0 ? overall : $"{overall}; tables: {string.Join(", ", tables)}";
    }

    /// <summary>One table's state in words (<c>schema_comparison_completed</c> reads as <c>schema comparison completed</c>).</summary>
    public static string Table(PublishTableStatus table) => Words(StrategyEnums.ToWireName(table, "status", table.Status) ?? "unknown");

    private static string Words(string wireName) => wireName.Replace('_', ' ');
}
