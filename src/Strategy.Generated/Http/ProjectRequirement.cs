namespace Strategy.Generated.Http;

/// <summary>
/// An operation the spec says works in a project (a required <c>X-MSTR-ProjectID</c> header) is never
/// sent without one: the server would answer ERR006 after the login, in its words. The catalog says
/// which operations need it; the check runs before the login, so nothing is sent.
/// </summary>
internal static class ProjectRequirement
{
    private static readonly Lazy<HashSet<string>> NeedingProject = new(() => new HashSet<string>(
        StrategyOperations.All
            .Where(o => o.Parameters.Any(p => p.Required && p.Location == "header" && string.Equals(p.Name, StrategyHeaders.ProjectId, StringComparison.OrdinalIgnoreCase)))
            .Select(o => o.OperationId),
        StringComparer.Ordinal));

    /// <summary>Throws when <paramref name="request"/>'s operation needs a project and it carries none.</summary>
    /// <exception cref="ArgumentException">No project was given; the message names the settings that give one.</exception>
    public static void Check(HttpRequestMessage request)
    {
        if (StrategyRequestOptions.OperationId(request) is { } operationId
            && NeedingProject.Value.Contains(operationId)
            && !request.Headers.Contains(StrategyHeaders.ProjectId))
        {
            // The missing value is the connection's projectId, not a parameter of this check: the name the caller gave it.
#pragma warning disable CA2208
            throw new ArgumentException(
                $"{operationId} works in a project, and none was given: pass projectId to StrategyConnection.Create, set ProjectId in StrategyClientOptions (the Strategy:ProjectId setting), or set ProjectId on the client. Nothing was sent.",
                "projectId");
#pragma warning restore CA2208
        }
    }
}
