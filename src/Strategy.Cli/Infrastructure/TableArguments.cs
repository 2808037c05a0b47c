using System.Text.RegularExpressions;
using Strategy.Generated;
using Strategy.Generated.DataModels;
using Strategy.Generated.Serialization;

namespace Strategy.Cli.Infrastructure;

/// <summary>Reads <c>--table name=policy</c> or <c>--table id=policy</c> arguments into a <see cref="TableSelection"/>.</summary>
internal static partial class TableArguments
{
    public static TableSelection Parse(IReadOnlyList<string>? tables, string? policyText)
    {
        var defaultPolicy = policyText is null ? RefreshPolicy.Replace : StrategyEnums.Parse<RefreshPolicy>(policyText);
        if (tables is null || tables.Count == 0)
        {
            return TableSelection.All(defaultPolicy);
        }

        var parsed = tables.Select(t =>
        {
            var parts = t.Split('=', 2, StringSplitOptions.TrimEntries);
            var policy = parts.Length == 2 ? StrategyEnums.Parse<RefreshPolicy>(parts[1]) : defaultPolicy;
            return KeyValuePair.Create(parts[0], policy);
        }).ToList();

        var ids = parsed.Count(p => ObjectId().IsMatch(p.Key));
        return ids == parsed.Count ? TableSelection.ById(parsed)
            : ids == 0 ? TableSelection.ByName(parsed)
            : throw new ArgumentException("Choose tables either all by name or all by id, not both.");
    }

    [GeneratedRegex("^[0-9A-Fa-f]{32}$")]
    private static partial Regex ObjectId();
}
