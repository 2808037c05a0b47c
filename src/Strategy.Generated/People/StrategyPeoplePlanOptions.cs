namespace Strategy.Generated;

/// <summary>How a list of people is compared with the server.</summary>
public sealed record StrategyPeoplePlanOptions
{
    /// <summary>
    /// The group, by name, whose direct members the list manages: one of them missing from the list is
    /// disabled (never the caller, never deleted). <see langword="null"/>: nobody is disabled.
    /// </summary>
    public string? ManagedGroup { get; init; }

    /// <summary>The project security roles are granted in; the client's project when <see langword="null"/>. Needed only when a person names roles.</summary>
    public string? ProjectId { get; init; }

    /// <summary>How many reads run at once (pages of Everyone's members, users read by id). Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>How many members one page of Everyone holds. Default 1000, as the official client reads it.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>How many users one read by id asks for. Default 50 (the ids travel in the address).</summary>
    public int UsersPerRead { get; init; } = 50;
}
