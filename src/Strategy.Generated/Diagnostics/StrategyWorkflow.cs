using System.Diagnostics;

namespace Strategy.Generated;

/// <summary>What the generated code says about a workflow helper for its span: its name and the ids it works on (from the spec's parameters).</summary>
/// <param name="Helper">The helper, such as <c>PublishAndWait</c>.</param>
/// <param name="Tags">The ids and counts, such as <c>strategy.data_model_id</c>.</param>
internal sealed record StrategyWorkflow(string Helper, IReadOnlyList<KeyValuePair<string, object?>> Tags)
{
    public static StrategyWorkflow Named(string helper, params KeyValuePair<string, object?>[] tags) => new(helper, tags);

    public static KeyValuePair<string, object?> Tag(string name, object? value) => new(name, value);

    /// <summary>The helper and the ids it works on, each labelled, for messages: <c>PublishAndWait for data model 9F47…</c>.</summary>
    public string Describe()
    {
        var ids = Tags
            .Where(t => t.Value is string { Length: > 0 } && t.Key.StartsWith(TagPrefix, StringComparison.Ordinal) && t.Key.EndsWith(IdSuffix, StringComparison.Ordinal))
            .Select(t => t.Key.Substring(TagPrefix.Length, t.Key.Length - TagPrefix.Length - IdSuffix.Length).Replace('_', ' ') + " " + t.Value)
            .ToList();
        return ids.Count == 0 ? Helper : Helper + " for " + string.Join(", ", ids);
    }

    private const string TagPrefix = "strategy.";
    private const string IdSuffix = "_id";

    /// <summary>The distinct values of the items, sorted and comma-separated (a span tag such as the refresh policies).</summary>
    public static string? Distinct<T>(IEnumerable<T?>? items, Func<T, string> value)
        where T : class =>
        items is null ? null : string.Join(",", items.OfType<T>().Select(value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}
