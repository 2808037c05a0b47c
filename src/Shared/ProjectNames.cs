using Strategy.Generated;

namespace Strategy.Shared;

/// <summary>
/// A project given by id or by name, as users give it to the <c>strategy</c> command and to
/// <c>Connect-StrategyServer</c>: a name is looked up on the server, as the official client does.
/// </summary>
internal static class ProjectNames
{
    /// <summary>Whether <paramref name="project"/> is written as a project id (32 hexadecimal characters) rather than a name.</summary>
    public static bool IsId(string? project) => project is { Length: 32 } && project.All(Uri.IsHexDigit);

    /// <summary>The id of <paramref name="project"/>: itself when it is an id, else the one project with that name.</summary>
    /// <param name="connection">A connection (logged in or not) to the server.</param>
    /// <param name="project">The id or name the user gave.</param>
    /// <param name="setting">How the user gave it (<c>--project</c>, <c>-ProjectId</c>), for messages.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="ArgumentException">No project, or more than one, has that name; the message lists them.</exception>
    public static async Task<string> ResolveAsync(StrategyConnection connection, string project, string setting, CancellationToken cancellationToken)
    {
        if (IsId(project))
        {
            return project;
        }

        var projects = await connection.CreateClient<ProjectsClient>().ListProjectsAsync(cancellationToken).ConfigureAwait(false);
        var named = projects.Where(p => p is not null && string.Equals(p.Name, project, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count switch
        {
            1 => named[0].Id,
            0 => throw new ArgumentException($"No project named '{project}' ({setting}); the projects are: {string.Join(", ", projects.Where(p => p is not null).Select(p => $"'{p.Name}'"))}."),
            _ => throw new ArgumentException($"{named.Count} projects are named '{project}' ({setting}); give the id of one: {string.Join(", ", named.Select(p => p.Id))}."),
        };
    }
}
