using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// The refresh policies a user can ask for, by name. The spec's list also has <c>ignore</c> and
/// <c>reserved</c>, which servers report rather than take: a table to ignore is one left out, and
/// <c>reserved</c> is a state. Each front end says where tables are chosen (<c>--table</c>, <c>-Table</c>).
/// </summary>
internal static class RefreshPolicies
{
    /// <summary>The policy named <paramref name="text"/>.</summary>
    /// <param name="text">The name, in any case.</param>
    /// <param name="tableSetting">Where the user chooses tables, for the message about <c>ignore</c>.</param>
    /// <param name="accepted">The accepted names as the front end explains them, for the message about an unknown name.</param>
    /// <exception cref="ArgumentException">Not a policy to ask for.</exception>
    public static RefreshPolicy Parse(string text, string tableSetting, string accepted) => text.Trim().ToLowerInvariant() switch
    {
        "replace" => RefreshPolicy.Replace,
        "add" => RefreshPolicy.Add,
        "update" => RefreshPolicy.Update,
        "upsert" => RefreshPolicy.Upsert,
        "delete" => RefreshPolicy.Delete,
        "ignore" => throw new ArgumentException($"'ignore' is not something to publish: leave the table out of {tableSetting} instead."),
        "reserved" => throw new ArgumentException("'reserved' is a state the server reports for a table, not a refresh policy."),
        _ => throw new ArgumentException($"'{text}' is not a refresh policy; use {accepted}."),
    };
}
