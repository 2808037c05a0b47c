namespace Strategy.Generated;

/// <summary>
/// A security role granted to or revoked from users and groups in one project, in one call, each
/// trustee's outcome read from the role the server answered (not from what was read before).
/// </summary>
public partial class SecurityRolesClient
{
    /// <summary>Grants a role to users and groups in a project, and says for each whether the answer shows it granted.</summary>
    /// <param name="roleId">The security role.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="trusteeIds">The users and groups.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per trustee, in the order given.</returns>
    /// <exception cref="StrategyApiException">The server refused the change (for every trustee).</exception>
    public virtual Task<IReadOnlyList<StrategyTrusteeOutcome>> GrantAsync(string roleId, string projectId, IEnumerable<string> trusteeIds, CancellationToken cancellationToken = default) =>
        ChangeMembersAsync(roleId, projectId, trusteeIds, grant: true, cancellationToken);

    /// <summary>Revokes a role from users and groups in a project, and says for each whether the answer shows it revoked.</summary>
    /// <param name="roleId">The security role.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="trusteeIds">The users and groups.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per trustee, in the order given.</returns>
    /// <exception cref="StrategyApiException">The server refused the change (for every trustee).</exception>
    public virtual Task<IReadOnlyList<StrategyTrusteeOutcome>> RevokeAsync(string roleId, string projectId, IEnumerable<string> trusteeIds, CancellationToken cancellationToken = default) =>
        ChangeMembersAsync(roleId, projectId, trusteeIds, grant: false, cancellationToken);

    private async Task<IReadOnlyList<StrategyTrusteeOutcome>> ChangeMembersAsync(string roleId, string projectId, IEnumerable<string> trusteeIds, bool grant, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleId);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(trusteeIds);
        var ids = trusteeIds.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0)
        {
            throw new ArgumentException("Name at least one user or group.", nameof(trusteeIds));
        }

        var answer = await UpdateSecurityRoleAsync(roleId, new ChangeOperations
        {
            OperationList = [new ChangeOperation { Op = grant ? ChangeOperationKind.Add : ChangeOperationKind.Remove, Path = "/members", Value = new Dictionary<string, object> { ["projectId"] = projectId, ["memberIds"] = ids } }],
        }, cancellationToken).ConfigureAwait(false);

        // The answer's members in that project; an answer that does not list the project says nothing of them.
        var project = answer.Projects?.FirstOrDefault(p => string.Equals(p?.Id, projectId, StringComparison.OrdinalIgnoreCase));
        var members = (project?.Members ?? []).Where(m => m is not null).GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var role = ServerText.Clean(answer.Name, 100) ?? roleId;
        return [.. ids.Select(id =>
        {
            var member = members.TryGetValue(id, out var found) ? found : null;
            if (project is null)
            {
                return new StrategyTrusteeOutcome(id, null, false, $"the server's answer does not list project {projectId}, so it does not show the change");
            }

            return grant
                ? new StrategyTrusteeOutcome(id, member?.Name, member is not null, member is not null ? $"has {role} in the project" : $"the answer does not show {role} granted")
                : new StrategyTrusteeOutcome(id, member?.Name, member is null, member is null ? $"does not have {role} in the project" : $"still has {role} in the project");
        })];
    }
}
