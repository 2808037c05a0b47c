using System.Collections;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Reads <c>-Filter @{ AttributeId; FormId; Value; Function }</c> into a refresh filter.</summary>
internal static class FilterParameter
{
    private static readonly string[] Keys = ["AttributeId", "FormId", "Value", "Function"];

    /// <summary>The filter, or <see langword="null"/> when none is given.</summary>
    /// <exception cref="ArgumentException">A key is missing or unknown.</exception>
    public static RefreshFilter? Read(Hashtable? filter)
    {
        if (filter is null)
        {
            return null;
        }

        var unknown = filter.Keys.Cast<object>().Select(k => k.ToString() ?? string.Empty).Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"-Filter does not take {string.Join(", ", unknown)}; give AttributeId, FormId, Value and optionally Function (default equals).");
        }

        string? Get(string key) => filter.Keys.Cast<object>().FirstOrDefault(k => string.Equals(k.ToString(), key, StringComparison.OrdinalIgnoreCase)) is { } found
            ? filter[found]?.ToString()
            : null;

        var (attribute, form, value) = (Get("AttributeId"), Get("FormId"), Get("Value"));
        return attribute is null || form is null || value is null
            ? throw new ArgumentException("-Filter needs AttributeId, FormId and Value: @{ AttributeId = '…'; FormId = '…'; Value = '…' }.")
            : DataModelRefreshSubscription.AttributeFormFilter(attribute, form, value, Get("Function") ?? "equals");
    }
}
