using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>Reads <c>--table name=policy</c> or <c>--table id=policy</c> arguments into a <see cref="TableSelection"/>.</summary>
internal static class TableArguments
{
    /// <summary>What <c>--policy</c> and <c>--table name=policy</c> accept, for help texts.</summary>
    public const string PolicyHelp =
        "replace (load every row again), add (append the new rows), update (change the rows that exist), upsert (update, and add the new ones) or delete (remove the rows the source returns)";

    public static TableSelection Parse(IReadOnlyList<string>? tables, string? policyText)
    {
        var defaultPolicy = policyText is null ? RefreshPolicy.Replace : Policy(policyText);
        if (tables is null || tables.Count == 0)
        {
            return TableSelection.All(defaultPolicy);
        }

        return TableSelection.ByIdOrName(tables.Select(t =>
        {
            var parts = t.Split('=', 2, StringSplitOptions.TrimEntries);
            return KeyValuePair.Create(parts[0], parts.Length == 2 ? Policy(parts[1]) : defaultPolicy);
        }));
    }

    /// <summary>
    /// A refresh policy a publish can ask for. The spec's list also has <c>ignore</c> and <c>reserved</c>,
    /// which servers report rather than take: a table to ignore is one left out, and <c>reserved</c> is a state.
    /// </summary>
    public static RefreshPolicy Policy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "replace" => RefreshPolicy.Replace,
        "add" => RefreshPolicy.Add,
        "update" => RefreshPolicy.Update,
        "upsert" => RefreshPolicy.Upsert,
        "delete" => RefreshPolicy.Delete,
        "ignore" => throw new ArgumentException("'ignore' is not something to publish: leave the table out of --table instead."),
        "reserved" => throw new ArgumentException("'reserved' is a state the server reports for a table, not a refresh policy."),
        _ => throw new ArgumentException($"'{text}' is not a refresh policy; use {PolicyHelp}."),
    };
}
