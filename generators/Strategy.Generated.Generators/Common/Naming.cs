using System.Text;

namespace Strategy.Generated.Generators.Common;

internal static class Naming
{
    /// <summary>PascalCase from camelCase, kebab-case or snake_case.</summary>
    public static string Pascal(string name)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c is '-' or '_' or ' ' or '.')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// What an id parameter names, in words for a message: <c>dataModelId</c> is <c>data model</c>,
    /// <c>instanceId</c> is <c>instance</c>; a name without an <c>Id</c> suffix reads as it is, split.
    /// </summary>
    public static string Label(string parameterName)
    {
        var name = parameterName.EndsWith("Id", System.StringComparison.Ordinal) && parameterName.Length > 2
            ? parameterName.Substring(0, parameterName.Length - 2)
            : parameterName;
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>
    /// The property name for a response header: the <c>X-MSTR-</c> prefix is dropped,
    /// so <c>X-MSTR-DataModelInstanceId</c> becomes <c>DataModelInstanceId</c>.
    /// </summary>
    public static string HeaderProperty(string headerName)
    {
        var name = headerName;
        foreach (var prefix in new[] { "X-MSTR-", "X-" })
        {
            if (name.StartsWith(prefix, System.StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(prefix.Length);
                break;
            }
        }

        return Pascal(name);
    }

    /// <summary>
    /// "; did you mean 'x'?" with the candidate nearest to <paramref name="name"/> (by edit distance,
    /// ignoring case), or nothing when none is near enough to be a misspelling.
    /// </summary>
    public static string DidYouMean(string name, System.Collections.Generic.IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best is not null && bestDistance > 0 && bestDistance <= System.Math.Max(2, name.Length / 3) ? "; did you mean '" + best + "'?" : string.Empty;
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = System.Math.Min(System.Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
