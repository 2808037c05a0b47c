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
}
