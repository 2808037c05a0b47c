using System.Collections;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Reads <c>-Policy</c> and <c>-Table @{ name = 'policy' }</c> into what the library takes.</summary>
internal static class TableParameter
{
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

    /// <summary>A refresh policy by name, or a message in the module's terms that says why it is not one to ask for.</summary>
    public static RefreshPolicy Policy(string text) => RefreshPolicies.Parse(text, "-Table", RefreshPolicies.Names);
}
