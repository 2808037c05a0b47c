namespace Strategy.Generated;

/// <summary>
/// Rights on an object granted to or revoked from users and groups, each trustee's outcome read from the
/// access control list the server answered.
/// </summary>
public partial class ObjectsClient
{
    /// <summary>Grants rights on an object to users and groups in one call, and says for each whether the answer shows them granted.</summary>
    /// <param name="objectId">The object.</param>
    /// <param name="type">Its object type number (3 a report, 55 a dashboard, 32 a project).</param>
    /// <param name="trusteeIds">The users and groups.</param>
    /// <param name="rights">The rights.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per trustee, in the order given.</returns>
    /// <exception cref="StrategyApiException">The server refused the change (for every trustee).</exception>
    public virtual async Task<IReadOnlyList<StrategyTrusteeOutcome>> GrantAccessAsync(string objectId, int type, IEnumerable<string> trusteeIds, StrategyRights rights, CancellationToken cancellationToken = default)
    {
        var ids = Trustees(trusteeIds, rights);
        var answer = await UpdateObjectAclAsync(objectId, type, new AclChangeRequest
        {
            Acl = [.. ids.Select(id => new AclChange { Op = AclChangeOperation.Add, Trustee = id, Rights = (int)rights, Denied = false, Type = 1 })],
        }, cancellationToken).ConfigureAwait(false);
        return [.. ids.Select(id =>
        {
            var has = Granted(answer, id);
            return new StrategyTrusteeOutcome(id, Name(answer, id), (has & rights) == rights, (has & rights) == rights ? $"has {has}" : $"the answer shows {has}, not {rights}");
        })];
    }

    /// <summary>
    /// Revokes rights on an object from users and groups, one call per trustee (the server refuses a whole
    /// call when one trustee has no entry), and says for each what the answer shows.
    /// </summary>
    /// <param name="objectId">The object.</param>
    /// <param name="type">Its object type number.</param>
    /// <param name="trusteeIds">The users and groups.</param>
    /// <param name="rights">The rights.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One outcome per trustee, in the order given.</returns>
    public virtual async Task<IReadOnlyList<StrategyTrusteeOutcome>> RevokeAccessAsync(string objectId, int type, IEnumerable<string> trusteeIds, StrategyRights rights, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<StrategyTrusteeOutcome>();
        foreach (var id in Trustees(trusteeIds, rights))
        {
            try
            {
                var answer = await UpdateObjectAclAsync(objectId, type, new AclChangeRequest
                {
                    Acl = [new AclChange { Op = AclChangeOperation.Remove, Trustee = id, Rights = (int)rights, Denied = false, Type = 1 }],
                }, cancellationToken).ConfigureAwait(false);
                var has = Granted(answer, id);
                outcomes.Add(new StrategyTrusteeOutcome(id, Name(answer, id), (has & rights) == 0, (has & rights) == 0 ? (has == 0 ? "has no rights" : $"has {has}") : $"still has {has & rights}"));
            }
            catch (StrategyApiException ex) when (ex.StatusCode == 404 && string.Equals(ex.ErrorCode, "ERR004", StringComparison.Ordinal) && ex.ServerMessage?.StartsWith("Removal failed", StringComparison.OrdinalIgnoreCase) == true)
            {
                // The server's words for a trustee with no such entry (mstrio-py#228): there was nothing to revoke.
                outcomes.Add(new StrategyTrusteeOutcome(id, null, true, "had no entry: nothing to revoke (" + ex.ServerMessage + ")"));
            }
            catch (StrategyApiException ex)
            {
                outcomes.Add(new StrategyTrusteeOutcome(id, null, false, $"refused: {ex.ErrorCode} {ex.ServerMessage ?? "HTTP " + ex.StatusCode}"));
            }
        }

        return outcomes;
    }

    private static List<string> Trustees(IEnumerable<string> trusteeIds, StrategyRights rights)
    {
        ArgumentNullException.ThrowIfNull(trusteeIds);
        if (rights == StrategyRights.None)
        {
            throw new ArgumentException("Name at least one right.", nameof(rights));
        }

        var ids = trusteeIds.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return ids.Count > 0 ? ids : throw new ArgumentException("Name at least one user or group.", nameof(trusteeIds));
    }

    /// <summary>The rights the answer's granting entries give the trustee, denied ones taken away.</summary>
    private static StrategyRights Granted(MetadataObject answer, string trusteeId)
    {
        var entries = (answer.Acl ?? []).Where(e => e is not null && string.Equals(e.TrusteeId, trusteeId, StringComparison.OrdinalIgnoreCase)).ToList();
        var granted = entries.Where(e => e.Deny != true).Aggregate(0L, (all, e) => all | (e.Rights ?? 0));
        var denied = entries.Where(e => e.Deny == true).Aggregate(0L, (all, e) => all | (e.Rights ?? 0));
        return (StrategyRights)(granted & ~denied & 255);
    }

    private static string? Name(MetadataObject answer, string trusteeId) =>
        (answer.Acl ?? []).FirstOrDefault(e => e is not null && string.Equals(e.TrusteeId, trusteeId, StringComparison.OrdinalIgnoreCase))?.TrusteeName;
}
