namespace Strategy.Generated;

/// <summary>
/// One person's part of a plan: the action, the user's id when it exists, what differs (in words) and the
/// calls it takes. Holds no secret: a new person's password is made when the plan is applied.
/// </summary>
public sealed class StrategyPersonChange
{
    internal StrategyPersonChange(StrategyPerson person, StrategyPersonAction action, string? userId, IReadOnlyList<string> differences, string? problem)
    {
        Person = person;
        Action = action;
        UserId = userId;
        Differences = differences;
        Problem = problem;
    }

    /// <summary>The person as the list gave them (for a disable, as the server knows them).</summary>
    public StrategyPerson Person { get; }

    /// <summary>The username.</summary>
    public string Username => Person.Username;

    /// <summary>What the plan does.</summary>
    public StrategyPersonAction Action { get; }

    /// <summary>The user's id; <see langword="null"/> for a person to create or a refused row.</summary>
    public string? UserId { get; }

    /// <summary>What differs, in words: <c>fullName</c>, <c>enabled: false</c>, <c>+group Sales</c>, <c>-group Temps</c>, <c>email</c>.</summary>
    public IReadOnlyList<string> Differences { get; }

    /// <summary>Why a <see cref="StrategyPersonAction.Refused"/> row cannot be planned.</summary>
    public string? Problem { get; }

    /// <summary>How many calls of its own applying it takes (0 when unchanged or refused); role changes are the plan's, one call per role for everyone.</summary>
    public int Calls => Action switch
    {
        StrategyPersonAction.Create => 1 + (AddsEmail ? 1 : 0),
        StrategyPersonAction.Update => (Operations.Count > 0 ? 1 : 0) + (AddsEmail ? 1 : 0),
        StrategyPersonAction.Disable => 1,
        _ => 0,
    };

    /// <summary>The new user, when created (never with a password: that is made when applied).</summary>
    internal UserCreateRequest? Create { get; init; }

    /// <summary>The operations of the one change (an update or a disable).</summary>
    internal IReadOnlyList<ChangeOperation> Operations { get; init; } = [];

    /// <summary>The group ids the person must be a member of after the change, and those they must not.</summary>
    internal IReadOnlyCollection<string> GroupsAfter { get; init; } = [];

    internal IReadOnlyCollection<string> GroupsNotAfter { get; init; } = [];

    /// <summary>The group names by id, for messages.</summary>
    internal IReadOnlyDictionary<string, string> GroupNames { get; init; } = new Dictionary<string, string>();

    internal bool AddsEmail { get; init; }

    /// <summary>The roles to grant the person, and to revoke, by id (made by the plan's role calls, one per role for everyone).</summary>
    internal IReadOnlyCollection<string> RolesToGrant { get; init; } = [];

    internal IReadOnlyCollection<string> RolesToRevoke { get; init; } = [];

    internal bool ChangesRoles => RolesToGrant.Count > 0 || RolesToRevoke.Count > 0;

    /// <summary>One line: the action, the username and what differs (or why refused).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Action switch
    {
        StrategyPersonAction.Refused => $"refused  {Person}: {Problem}",
        StrategyPersonAction.Unchanged => $"unchanged {Username}",
        _ => $"{Action.ToString().ToLowerInvariant(),-9} {Username}" + (Differences.Count > 0 ? ": " + string.Join(", ", Differences) : string.Empty),
    };
}
