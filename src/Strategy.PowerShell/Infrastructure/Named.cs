using System.Management.Automation;

namespace Strategy.PowerShell;

/// <summary>The <c>-Name</c> filter of the Get cmdlets: PowerShell wildcards, case-insensitive.</summary>
internal static class Named
{
    /// <summary>The items of a list (which a server may leave empty or null) whose name matches <paramref name="pattern"/>; all of them without one.</summary>
    public static List<T> Matching<T>(IEnumerable<T?>? items, Func<T, string?> name, string? pattern)
        where T : class
    {
        var wildcard = pattern is null ? null : WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
        return (items ?? []).OfType<T>().Where(item => wildcard is null || wildcard.IsMatch(name(item) ?? string.Empty)).ToList();
    }

    /// <summary>A test for one item, for lists streamed a page at a time.</summary>
    public static Func<T, bool> Filter<T>(Func<T, string?> name, string? pattern)
    {
        var wildcard = pattern is null ? null : WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
        return item => wildcard is null || wildcard.IsMatch(name(item) ?? string.Empty);
    }
}
