using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Infrastructure;

/// <summary>Reads <c>--table name=policy</c> or <c>--table id=policy</c> arguments into a <see cref="TableSelection"/>.</summary>
internal static class TableArguments
{
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

    /// <summary>A refresh policy by name, or a message that says why it is not one to ask for.</summary>
    public static RefreshPolicy Policy(string text) => RefreshPolicies.Parse(text, "--table", RefreshPolicies.Explained);
}
