namespace Strategy.Generated;

/// <summary>
/// What applying a list of people would do, person by person, read from the server in as few calls as it
/// allows. Nothing has been sent; <see cref="UsersClient.ApplyAsync"/> sends it.
/// </summary>
public sealed class StrategyPeoplePlan
{
    internal StrategyPeoplePlan(IReadOnlyList<StrategyPersonChange> changes, string callerUsername, int readCalls, string? projectId = null, IReadOnlyDictionary<string, string>? roleNames = null)
    {
        ProjectId = projectId;
        RoleNames = roleNames ?? new Dictionary<string, string>();
        Changes = changes;
        CallerUsername = callerUsername;
        ReadCalls = readCalls;
    }

    /// <summary>Every person of the list, then everyone the plan disables, each once.</summary>
    public IReadOnlyList<StrategyPersonChange> Changes { get; }

    /// <summary>The user the plan was read as (never disabled).</summary>
    public string CallerUsername { get; }

    /// <summary>How many calls reading the server took.</summary>
    public int ReadCalls { get; }

    /// <summary>The project its security roles are granted in; <see langword="null"/> when no person names roles.</summary>
    public string? ProjectId { get; }

    /// <summary>How many changing calls applying it takes: each person's, then one per role to grant and one per role to revoke.</summary>
    public int ChangingCalls => Changes.Sum(c => c.Calls)
        + Changes.SelectMany(c => c.RolesToGrant).Distinct(StringComparer.OrdinalIgnoreCase).Count()
        + Changes.SelectMany(c => c.RolesToRevoke).Distinct(StringComparer.OrdinalIgnoreCase).Count();

    /// <summary>The managed roles' names by id, for messages.</summary>
    internal IReadOnlyDictionary<string, string> RoleNames { get; }

    /// <summary>The same plan with only the changes <paramref name="keep"/> keeps (those confirmed, say); the others are left out, not applied.</summary>
    /// <param name="keep">Whether to keep a change.</param>
    /// <returns>The smaller plan.</returns>
    public StrategyPeoplePlan Only(Func<StrategyPersonChange, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return new StrategyPeoplePlan([.. Changes.Where(keep)], CallerUsername, ReadCalls, ProjectId, RoleNames);
    }

    /// <summary>How many people each action has.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The count.</returns>
    public int Count(StrategyPersonAction action) => Changes.Count(c => c.Action == action);

    /// <summary>The counts per action, in words.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Count(StrategyPersonAction.Create)} to create, {Count(StrategyPersonAction.Update)} to update, {Count(StrategyPersonAction.Disable)} to disable, "
        + $"{Count(StrategyPersonAction.Unchanged)} unchanged, {Count(StrategyPersonAction.Refused)} refused; {ChangingCalls} changing calls";
}
