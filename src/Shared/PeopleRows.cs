using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// A list of people as rows of named columns (a CSV file, <c>Import-Csv</c>'s objects): the one reading
/// the command line and the module share. Columns: <c>username</c>, <c>fullName</c>, <c>email</c>,
/// <c>enabled</c>, <c>groups</c> (names separated by <c>;</c>), <c>securityRoles</c> (in the project, names separated by <c>;</c>), <c>ldapdn</c>; names without case. A column
/// no one knows, or a value that cannot be read, is an error naming the row and the column.
/// </summary>
internal static class PeopleRows
{
    /// <summary>The columns a row may have.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["username", "fullName", "email", "enabled", "groups", "securityRoles", "ldapdn"];

    /// <summary>Checks a list's columns: <c>username</c> is required, and every column must be one of <see cref="Columns"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing or unknown; the message names it (and the one it may mean).</exception>
    public static void CheckColumns(IReadOnlyCollection<string> columns, string where)
    {
        foreach (var column in columns)
        {
            if (!Columns.Contains(column.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                var near = Columns.OrderBy(c => Distance(c.ToLowerInvariant(), column.Trim().ToLowerInvariant())).First();
                throw new ArgumentException($"{where}: the column '{ServerText.Clean(column, 60)}' is not one of {string.Join(", ", Columns)}" + (Distance(near.ToLowerInvariant(), column.Trim().ToLowerInvariant()) <= 3 ? $" (did you mean '{near}'?)" : string.Empty) + "; nothing was sent.");
            }
        }

        if (!columns.Any(c => c.Trim().Equals("username", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"{where}: there is no 'username' column; nothing was sent.");
        }
    }

    /// <summary>The person a row describes. An empty value leaves that field as the server holds it.</summary>
    /// <param name="values">The row's values by column (names without case).</param>
    /// <param name="source">Where the row is, such as <c>people.csv row 7</c>.</param>
    /// <exception cref="ArgumentException">A value cannot be read; the message names the row and the column.</exception>
    public static StrategyPerson Person(IReadOnlyDictionary<string, string?> values, string source)
    {
        string? Value(string column) => values.FirstOrDefault(v => v.Key.Trim().Equals(column, StringComparison.OrdinalIgnoreCase)).Value is { } text && text.Trim().Length > 0 ? text.Trim() : null;

        var username = Value("username") ?? throw new ArgumentException($"{source}, column 'username': it is empty; nothing was sent.");
        bool? enabled = Value("enabled")?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            var other => throw new ArgumentException($"{source}, column 'enabled': '{ServerText.Clean(other, 40)}' is not true or false; nothing was sent."),
        };
        var email = Value("email");
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"{source}, column 'email': '{ServerText.Clean(email, 80)}' is not an email address; nothing was sent.");
        }

        return new StrategyPerson
        {
            Username = username,
            FullName = Value("fullName"),
            Email = email,
            Enabled = enabled,
            Groups = Value("groups") is { } groups ? [.. groups.Split(';').Select(g => g.Trim()).Where(g => g.Length > 0)] : values.Keys.Any(k => k.Trim().Equals("groups", StringComparison.OrdinalIgnoreCase)) ? [] : null,
            SecurityRoles = Value("securityRoles") is { } roles ? [.. roles.Split(';').Select(r => r.Trim()).Where(r => r.Length > 0)] : values.Keys.Any(k => k.Trim().Equals("securityRoles", StringComparison.OrdinalIgnoreCase)) ? [] : null,
            LdapDn = Value("ldapdn"),
            Source = source,
        };
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
