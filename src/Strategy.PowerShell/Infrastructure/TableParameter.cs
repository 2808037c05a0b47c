using System.Collections;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Reads <c>-Policy</c> and <c>-Table @{ name = 'policy' }</c> into what the library takes.</summary>
internal static class TableParameter
{
    /// <summary>The policies a refresh can ask for, as <c>-Policy</c> and <c>-Table</c> accept them.</summary>
    public const string Policies = "replace, add, update, upsert or delete";

    /// <summary>Every table with <paramref name="policy"/> when <paramref name="tables"/> is empty; else the tables named (or by id), each with its policy or <paramref name="policy"/>.</summary>
    public static TableSelection Selection(Hashtable? tables, string? policy)
    {
        var defaultPolicy = Policy(policy ?? "replace");
        return tables is not { Count: > 0 }
            ? TableSelection.All(defaultPolicy)
            : TableSelection.ByIdOrName(tables.Cast<DictionaryEntry>().Select(entry => new KeyValuePair<string, RefreshPolicy>(
                entry.Key?.ToString() ?? string.Empty,
                entry.Value is null ? defaultPolicy : Policy(entry.Value.ToString() ?? string.Empty))));
    }

    /// <summary>
    /// A policy by name. <c>ignore</c> and <c>reserved</c> are in the spec's list but servers report them
    /// rather than take them, so they are refused in the user's terms.
    /// </summary>
    public static RefreshPolicy Policy(string text) => text.Trim().ToLowerInvariant() switch
    {
        "replace" => RefreshPolicy.Replace,
        "add" => RefreshPolicy.Add,
        "update" => RefreshPolicy.Update,
        "upsert" => RefreshPolicy.Upsert,
        "delete" => RefreshPolicy.Delete,
        "ignore" => throw new ArgumentException("'ignore' is not a refresh policy to ask for: leave the table out of -Table instead."),
        "reserved" => throw new ArgumentException("'reserved' is a state the server reports for a table, not a refresh policy."),
        _ => throw new ArgumentException($"'{text}' is not a refresh policy; use {Policies}."),
    };
}
