using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// The refresh policies a user can ask for, by name: the one list the command line and the module
/// read, for parsing, help texts and completion. The spec's list also has <c>ignore</c> and
/// <c>reserved</c>, which servers report rather than take: a table to ignore is one left out, and
/// <c>reserved</c> is a state. Each front end says where tables are chosen (<c>--table</c>, <c>-Table</c>).
/// </summary>
internal static class RefreshPolicies
{
    /// <summary>Each policy a publish can ask for: its name, the library's value, and what it does to the table.</summary>
    public static IReadOnlyList<(string Name, RefreshPolicy Policy, string Does)> Requestable { get; } =
    [
        ("replace", RefreshPolicy.Replace, "load every row again"),
        ("add", RefreshPolicy.Add, "append the new rows"),
        ("update", RefreshPolicy.Update, "change the rows that exist"),
        ("upsert", RefreshPolicy.Upsert, "update, and add the new ones"),
        ("delete", RefreshPolicy.Delete, "remove the rows the source returns"),
    ];

    /// <summary>The names, as a sentence: "replace, add, update, upsert or delete".</summary>
    public static string Names { get; } = Sentence(Requestable.Select(p => p.Name));

    /// <summary>The names with what each does, as a sentence, for help texts.</summary>
    public static string Explained { get; } = Sentence(Requestable.Select(p => $"{p.Name} ({p.Does})"));

    /// <summary>The policy named <paramref name="text"/>.</summary>
    /// <param name="text">The name, in any case.</param>
    /// <param name="tableSetting">Where the user chooses tables, for the message about <c>ignore</c>.</param>
    /// <param name="accepted">The accepted names as the front end explains them, for the message about an unknown name.</param>
    /// <exception cref="ArgumentException">Not a policy to ask for.</exception>
    public static RefreshPolicy Parse(string text, string tableSetting, string accepted)
    {
        var name = text.Trim();
        foreach (var policy in Requestable)
        {
            if (string.Equals(policy.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return policy.Policy;
            }
        }

        throw name.ToLowerInvariant() switch
        {
            "ignore" => new ArgumentException($"'ignore' is not something to publish: leave the table out of {tableSetting} instead."),
            "reserved" => new ArgumentException("'reserved' is a state the server reports for a table, not a refresh policy."),
            _ => new ArgumentException($"'{text}' is not a refresh policy; use {accepted}."),
        };
    }

    private static string Sentence(IEnumerable<string> items)
    {
        var list = items.ToList();
        return string.Join(", ", list.Take(list.Count - 1)) + " or " + list[list.Count - 1];
    }
}
