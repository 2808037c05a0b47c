namespace Strategy.Generated;

/// <summary>
/// How an operation uses the project header (<c>X-MSTR-ProjectID</c>), as the spec declares it: its
/// header parameter, or <c>x-strategy-project</c> where the official client leaves the header out.
/// </summary>
public enum StrategyProjectHeaderUse
{
    /// <summary>Sent when the client has a project (<see cref="Http.StrategyClientBase.ProjectId"/>), left out otherwise.</summary>
    WhenSet = 0,

    /// <summary>The operation works in a project: it is never sent without one.</summary>
    Required = 1,

    /// <summary>Left out even when the client has a project: the call is about the session or the server, not a project.</summary>
    Never = 2,

    /// <summary>
    /// Needed for some values of one query parameter (<see cref="StrategyOperation.ProjectHeaderParameter"/>
    /// among <see cref="StrategyOperation.ProjectHeaderValues"/>) and left out for the others.
    /// </summary>
    ForValues = 3,
}
