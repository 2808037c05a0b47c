namespace Strategy.Generated;

/// <summary>
/// A person as a list says they should be: the username is the key; every other value left
/// <see langword="null"/> is not managed (what the server holds stays). Never a password: new people
/// get a one-time one (<see cref="StrategyPeopleApplyOptions.OneTimePasswords"/>), or none when they log in through LDAP.
/// </summary>
public sealed record StrategyPerson
{
    /// <summary>The login name (compared without case).</summary>
    public required string Username { get; init; }

    /// <summary>The full name; <see langword="null"/> to leave it as it is (a new person gets the username).</summary>
    public string? FullName { get; init; }

    /// <summary>The default email address; <see langword="null"/> or empty to leave it as it is.</summary>
    public string? Email { get; init; }

    /// <summary>Whether the person may log in; <see langword="null"/> to leave it (a new person is enabled).</summary>
    public bool? Enabled { get; init; }

    /// <summary>
    /// The groups, by name, the person should be a direct member of. Only groups some person of the list
    /// names are managed: the person is added to those named and removed from the other managed ones;
    /// every other membership stays. <see langword="null"/> to leave memberships as they are.
    /// </summary>
    public IReadOnlyList<string>? Groups { get; init; }

    /// <summary>
    /// The security roles, by name, the person should hold directly in the plan's project
    /// (<see cref="StrategyPeoplePlanOptions.ProjectId"/>). Only roles some person of the list names are
    /// managed, as groups are. <see langword="null"/> to leave roles as they are.
    /// </summary>
    public IReadOnlyList<string>? SecurityRoles { get; init; }

    /// <summary>The LDAP distinguished name: a new person with one is created without a Strategy password.</summary>
    public string? LdapDn { get; init; }

    /// <summary>Where the person came from (a file's row), for messages; <see langword="null"/> when not from a file.</summary>
    public string? Source { get; init; }

    /// <summary>The username and where it came from; never anything else.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Source is null ? Username : $"{Username} ({Source})";
}
