namespace Strategy.Generated;

/// <summary>
/// A list of people compared with the server: every user (Everyone's members, paged in parallel), the
/// groups once, the people who exist read by id a batch at a time, the managed group's members once;
/// never a search per person. A read that fails fails the whole plan: a plan from part of the users
/// would create people who exist and miss people to disable.
/// </summary>
public partial class UsersClient
{
    /// <summary>The Everyone group: every user is a member.</summary>
    public const string EveryoneGroupId = "C82C6B1011D2894CC0009D9F29718E4F";

    private const int UserSubtype = 8704;

    /// <summary>
    /// Plans a list of people against the server: per person, create, update (what differs), unchanged,
    /// or refused (a group that does not exist, a username listed twice); then, with
    /// <see cref="StrategyPeoplePlanOptions.ManagedGroup"/>, disable each direct member of that group the
    /// list leaves out (never the caller: the caller so left out is refused). Sends no changing call.
    /// </summary>
    /// <param name="people">The people as they should be.</param>
    /// <param name="options">How to read; defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="StrategyApiException">A read failed (a page of users, the groups, the caller): there is no plan.</exception>
    /// <exception cref="ArgumentException">The managed group does not exist, or an option is out of range.</exception>
    public virtual async Task<StrategyPeoplePlan> PlanAsync(IEnumerable<StrategyPerson> people, StrategyPeoplePlanOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);

        options ??= new StrategyPeoplePlanOptions();
        if (options.MaxConcurrency < 1 || options.PageSize < 1 || options.UsersPerRead < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxConcurrency, PageSize and UsersPerRead must be at least 1.");
        }

        var desired = people.ToList();
        var reads = new ReadCounter();
        var groupsClient = new UserGroupsClient(_httpClient) { ProjectId = ProjectId };
        var callerTask = new SessionsClient(_httpClient) { ProjectId = ProjectId }.GetUserInfoAsync(cancellationToken);
        var groupsTask = ReadAllGroupsAsync(groupsClient, options, reads, cancellationToken);
        var everyoneTask = ReadMembersAsync(groupsClient, EveryoneGroupId, options, reads, cancellationToken);
        await Task.WhenAll(callerTask, groupsTask, everyoneTask).ConfigureAwait(false);
        reads.Add(1);
        var caller = callerTask.Result;
        var groups = groupsTask.Result;
        var everyone = everyoneTask.Result;

        var groupIdsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups.Where(g => !string.IsNullOrEmpty(g.Name)))
        {
            // The first of two groups with one name (the server refuses a second; another tool may not have).
            groupIdsByName[group.Name!] = groupIdsByName.TryGetValue(group.Name!, out var first) ? first : group.Id;
        }

        // Names as the plan's words show them: a server's text cleaned and cut once, here.
        var groupNames = groups.GroupBy(g => g.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => ServerText.Clean(g.First().Name, 100) ?? g.Key, StringComparer.OrdinalIgnoreCase);
        var usersByName = new Dictionary<string, Member>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in everyone.Where(m => UsernameOf(m) is not null))
        {
            usersByName[UsernameOf(member)!] = member;
        }

        string? managedId = null;
        if (options.ManagedGroup is { Length: > 0 } managedName && !groupIdsByName.TryGetValue(managedName, out managedId))
        {
            throw new ArgumentException($"The managed group '{ServerText.Clean(managedName, 100)}' does not exist, so nobody could be disabled; nothing was planned.", nameof(options));
        }

        var managedMembers = managedId is null ? [] : await ReadMembersAsync(groupsClient, managedId, options, reads, cancellationToken).ConfigureAwait(false);

        // Only groups some person names are managed: other memberships stay as they are.
        var managedGroupIds = desired.SelectMany(p => p.Groups ?? []).Where(groupIdsByName.ContainsKey).Select(n => groupIdsByName[n]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var toDisable = managedMembers
            .Where(m => (m.Subtype ?? UserSubtype) == UserSubtype && UsernameOf(m) is { } name && !desired.Any(p => string.Equals(p.Username?.Trim(), name, StringComparison.OrdinalIgnoreCase)))
            .GroupBy(m => m.Id, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToList();

        // Everyone who exists and is named (or to disable) is read in full, a batch of ids per call.
        var existingIds = desired.Select(p => p.Username?.Trim() ?? string.Empty).Where(usersByName.ContainsKey).Select(n => usersByName[n].Id)
            .Concat(toDisable.Select(m => m.Id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var users = await ReadUsersAsync(existingIds, options, reads, cancellationToken).ConfigureAwait(false);
        var roles = await ReadRolesAsync(desired, options, reads, cancellationToken).ConfigureAwait(false);

        var changes = new List<StrategyPersonChange>();
        foreach (var person in desired)
        {
            var username = person.Username?.Trim() ?? string.Empty;
            if (username.Length == 0)
            {
                changes.Add(Refused(person, "the username is empty"));
            }
            else if (!listed.Add(username))
            {
                changes.Add(Refused(person, $"'{username}' is listed more than once; only its first row is applied"));
            }
            else if ((person.Groups ?? []).FirstOrDefault(g => !groupIdsByName.ContainsKey(g)) is { } missing)
            {
                changes.Add(Refused(person, $"the group '{ServerText.Clean(missing, 100)}' does not exist"));
            }
            else if ((person.SecurityRoles ?? []).FirstOrDefault(r => !roles.IdsByName.ContainsKey(r)) is { } missingRole)
            {
                changes.Add(Refused(person, $"the security role '{ServerText.Clean(missingRole, 100)}' does not exist"));
            }
            else if (usersByName.TryGetValue(username, out var member) && users.TryGetValue(member.Id, out var user))
            {
                changes.Add(WithRoles(PlanUpdate(person, user, groupIdsByName, managedGroupIds, groupNames), user.Id, roles));
            }
            else
            {
                changes.Add(WithRoles(PlanCreate(person, groupIdsByName, groupNames), null, roles));
            }
        }

        foreach (var member in toDisable)
        {
            // Only shown, never compared: the server's text cleaned and cut.
            var person = new StrategyPerson { Username = ServerText.Clean(UsernameOf(member), 100)!, FullName = ServerText.Clean(member.Name, 100), Source = "a member of " + ServerText.Clean(options.ManagedGroup, 100) + " not in the list" };
            if (string.Equals(member.Id, caller.Id, StringComparison.OrdinalIgnoreCase) || string.Equals(UsernameOf(member), caller.Username, StringComparison.OrdinalIgnoreCase))
            {
                changes.Add(Refused(person, "is the user this plan runs as; a plan never disables its caller"));
            }
            else if (users.TryGetValue(member.Id, out var user) && user.Enabled == false)
            {
                changes.Add(new StrategyPersonChange(person, StrategyPersonAction.Unchanged, member.Id, ["already disabled"], null));
            }
            else
            {
                changes.Add(new StrategyPersonChange(person, StrategyPersonAction.Disable, member.Id, ["enabled: false"], null)
                {
                    Operations = [new ChangeOperation { Op = ChangeOperationKind.Replace, Path = "/enabled", Value = false }],
                });
            }
        }

        return new StrategyPeoplePlan(changes, caller.Username ?? string.Empty, reads.Count, roles.ProjectId, roles.Names);
    }

    /// <summary>The change with the person's security roles: those named and not held granted, the other managed roles held revoked.</summary>
    private static StrategyPersonChange WithRoles(StrategyPersonChange change, string? userId, RoleState roles)
    {
        if (change.Person.SecurityRoles is not { } names)
        {
            return change;
        }

        var wanted = names.Select(n => roles.IdsByName[n]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var grant = wanted.Where(r => userId is null || !roles.Members[r].Contains(userId)).OrderBy(r => roles.Names[r], StringComparer.Ordinal).ToList();
        var revoke = userId is null ? [] : roles.Members.Where(m => !wanted.Contains(m.Key) && m.Value.Contains(userId)).Select(m => m.Key).OrderBy(r => roles.Names[r], StringComparer.Ordinal).ToList();
        if (grant.Count == 0 && revoke.Count == 0)
        {
            return change;
        }

        var differences = change.Differences.Concat(grant.Select(r => "+role " + roles.Names[r])).Concat(revoke.Select(r => "-role " + roles.Names[r])).ToList();
        var action = change.Action == StrategyPersonAction.Unchanged ? StrategyPersonAction.Update : change.Action;
        return new StrategyPersonChange(change.Person, action, change.UserId, differences, change.Problem)
        {
            Create = change.Create,
            Operations = change.Operations,
            GroupsAfter = change.GroupsAfter,
            GroupsNotAfter = change.GroupsNotAfter,
            GroupNames = change.GroupNames,
            AddsEmail = change.AddsEmail,
            RolesToGrant = grant,
            RolesToRevoke = revoke,
        };
    }

    /// <summary>The roles some person names (by name), and each one's direct members in the project: the roles once, each named role's members once.</summary>
    private async Task<RoleState> ReadRolesAsync(List<StrategyPerson> desired, StrategyPeoplePlanOptions options, ReadCounter reads, CancellationToken cancellationToken)
    {
        var named = desired.SelectMany(p => p.SecurityRoles ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (named.Count == 0)
        {
            return new RoleState(null, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, string>(), new Dictionary<string, HashSet<string>>());
        }

        var project = options.ProjectId ?? ProjectId;
        if (string.IsNullOrEmpty(project))
        {
            throw new ArgumentException("The list names security roles, which are granted per project: give StrategyPeoplePlanOptions.ProjectId, or a client with a project.", nameof(options));
        }

        var client = new SecurityRolesClient(_httpClient) { ProjectId = ProjectId };
        var all = await client.ListSecurityRolesAsync(cancellationToken).ConfigureAwait(false);
        reads.Add(1);
        var idsByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var role in all.Where(r => r is not null && !string.IsNullOrEmpty(r.Name) && named.Contains(r.Name!, StringComparer.OrdinalIgnoreCase)))
        {
            idsByName[role.Name!] = idsByName.TryGetValue(role.Name!, out var first) ? first : role.Id;
        }

        var managed = idsByName.Values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var members = await Bounded.RunAsync(managed, options.MaxConcurrency, async roleId =>
        {
            var list = await client.ListSecurityRoleMembersAsync(roleId, project!, cancellationToken).ConfigureAwait(false);
            reads.Add(1);
            return list.Where(m => m is not null).Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }, cancellationToken).ConfigureAwait(false);
        return new RoleState(
            project,
            idsByName,
            idsByName.GroupBy(p => p.Value, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => ServerText.Clean(g.First().Key, 100) ?? g.Key, StringComparer.OrdinalIgnoreCase),
            managed.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => members[p.i], StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The managed roles: their ids by name, names by id, and direct members in the project by id.</summary>
    private sealed record RoleState(string? ProjectId, Dictionary<string, string> IdsByName, Dictionary<string, string> Names, Dictionary<string, HashSet<string>> Members);

    private static StrategyPersonChange Refused(StrategyPerson person, string problem) =>
        new(person, StrategyPersonAction.Refused, null, [], problem);

    private static StrategyPersonChange PlanCreate(StrategyPerson person, Dictionary<string, string> groupIdsByName, Dictionary<string, string> groupNames)
    {
        var groups = (person.Groups ?? []).Select(n => groupIdsByName[n]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var ldap = !string.IsNullOrWhiteSpace(person.LdapDn);
        var email = !string.IsNullOrWhiteSpace(person.Email);
        var differences = new List<string> { ldap ? "LDAP" : "one-time password" };
        differences.AddRange(groups.Select(g => "+group " + groupNames[g]));
        if (email)
        {
            differences.Add("email");
        }

        if (person.Enabled == false)
        {
            differences.Add("enabled: false");
        }

        return new StrategyPersonChange(person, StrategyPersonAction.Create, null, differences, null)
        {
            Create = new UserCreateRequest
            {
                Username = person.Username.Trim(),
                FullName = string.IsNullOrWhiteSpace(person.FullName) ? person.Username.Trim() : person.FullName!.Trim(),
                Enabled = person.Enabled ?? true,
                StandardAuth = !ldap,
                RequireNewPassword = !ldap,
                PasswordModifiable = !ldap,
                Ldapdn = ldap ? person.LdapDn!.Trim() : null,
                Memberships = groups,
            },
            GroupsAfter = groups,
            GroupNames = groupNames,
            AddsEmail = email,
        };
    }

    private static StrategyPersonChange PlanUpdate(StrategyPerson person, User user, Dictionary<string, string> groupIdsByName, HashSet<string> managedGroupIds, Dictionary<string, string> groupNames)
    {
        var operations = new List<ChangeOperation>();
        var differences = new List<string>();
        if (!string.IsNullOrWhiteSpace(person.FullName) && !string.Equals(person.FullName!.Trim(), user.FullName ?? user.Name, StringComparison.Ordinal))
        {
            operations.Add(new ChangeOperation { Op = ChangeOperationKind.Replace, Path = "/fullName", Value = person.FullName.Trim() });
            differences.Add("fullName");
        }

        if (person.Enabled is { } enabled && user.Enabled != enabled)
        {
            operations.Add(new ChangeOperation { Op = ChangeOperationKind.Replace, Path = "/enabled", Value = enabled });
            differences.Add("enabled: " + (enabled ? "true" : "false"));
        }

        IReadOnlyCollection<string> after = [];
        IReadOnlyCollection<string> notAfter = [];
        if (person.Groups is { } names)
        {
            var current = (user.Memberships ?? []).Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var wanted = names.Select(n => groupIdsByName[n]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var add = wanted.Where(g => !current.Contains(g)).OrderBy(g => groupNames[g], StringComparer.Ordinal).ToList();
            var remove = current.Where(g => managedGroupIds.Contains(g) && !wanted.Contains(g) && !g.Equals(EveryoneGroupId, StringComparison.OrdinalIgnoreCase))
                .OrderBy(g => groupNames.TryGetValue(g, out var n) ? n : g, StringComparer.Ordinal).ToList();

            // One call carries every membership change: an add and a remove, each with its ids.
            if (add.Count > 0)
            {
                operations.Add(new ChangeOperation { Op = ChangeOperationKind.Add, Path = "/memberships", Value = add });
                differences.AddRange(add.Select(g => "+group " + groupNames[g]));
            }

            if (remove.Count > 0)
            {
                operations.Add(new ChangeOperation { Op = ChangeOperationKind.Remove, Path = "/memberships", Value = remove });
                differences.AddRange(remove.Select(g => "-group " + (groupNames.TryGetValue(g, out var n) ? n : g)));
            }

            after = wanted;
            notAfter = remove;
        }

        var email = !string.IsNullOrWhiteSpace(person.Email) && !string.Equals(person.Email!.Trim(), user.DefaultEmailAddress, StringComparison.OrdinalIgnoreCase);
        if (email)
        {
            differences.Add("email");
        }

        var action = operations.Count > 0 || email ? StrategyPersonAction.Update : StrategyPersonAction.Unchanged;
        return new StrategyPersonChange(person, action, user.Id, differences, null)
        {
            Operations = operations,
            GroupsAfter = after,
            GroupsNotAfter = notAfter,
            GroupNames = groupNames,
            AddsEmail = email,
        };
    }

    /// <summary>A member's username: the listing's abbreviation, or a username field the server added.</summary>
    private static string? UsernameOf(Member member) =>
        !string.IsNullOrEmpty(member.Abbreviation) ? member.Abbreviation
        : member.AdditionalProperties.TryGetValue("username", out var value) && value is string text && text.Length > 0 ? text
        : null;

    /// <summary>Every group, a page at a time until a short page (the list carries no total).</summary>
    private static async Task<List<UserGroup>> ReadAllGroupsAsync(UserGroupsClient groups, StrategyPeoplePlanOptions options, ReadCounter reads, CancellationToken cancellationToken)
    {
        var all = new List<UserGroup>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            var page = await groups.ListUserGroupsAsync(offset: all.Count, limit: options.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
            reads.Add(1);
            var fresh = page.Where(g => g is not null && !string.IsNullOrEmpty(g.Id) && seen.Add(g.Id)).ToList();
            all.AddRange(fresh);

            // A short page ends the list; so does a page with nothing new (a server that ignores offset or limit).
            if (page.Count < options.PageSize || fresh.Count == 0)
            {
                return all;
            }
        }
    }

    /// <summary>A group's members: the first page says the total (x-mstr-total-count); the rest are read in parallel, within the bound. Any failed page fails the read.</summary>
    private static async Task<List<Member>> ReadMembersAsync(UserGroupsClient groups, string groupId, StrategyPeoplePlanOptions options, ReadCounter reads, CancellationToken cancellationToken)
    {
        var first = await groups.ListUserGroupMembersAsync(groupId, offset: 0, limit: options.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
        reads.Add(1);
        var pages = new List<IList<Member>> { first.Result };
        if (first.TotalCount is { } total && total > first.Result.Count && first.Result.Count > 0)
        {
            var offsets = new List<int>();
            for (var offset = first.Result.Count; offset < total; offset += options.PageSize)
            {
                offsets.Add(offset);
            }

            var rest = await Bounded.RunAsync(offsets, options.MaxConcurrency, async offset =>
            {
                var page = await groups.ListUserGroupMembersAsync(groupId, offset: offset, limit: options.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                reads.Add(1);
                return page.Result;
            }, cancellationToken).ConfigureAwait(false);
            pages.AddRange(rest);
        }
        else if (first.TotalCount is null && first.Result.Count >= options.PageSize)
        {
            // No total: read on until a short page, or one with nobody new (a server that ignores offset).
            var seen = new HashSet<string>(first.Result.Where(m => m is not null).Select(m => m.Id), StringComparer.OrdinalIgnoreCase);
            while (pages[pages.Count - 1].Count >= options.PageSize)
            {
                var page = await groups.ListUserGroupMembersAsync(groupId, offset: pages.Sum(p => p.Count), limit: options.PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                reads.Add(1);
                if (!page.Result.Any(m => m is not null && seen.Add(m.Id)))
                {
                    break;
                }

                pages.Add(page.Result);
            }
        }

        return [.. pages.SelectMany(p => p).Where(m => m is not null && !string.IsNullOrEmpty(m.Id))];
    }

    /// <summary>Users by id, a batch per call in parallel; one missing from its batch's answer (or without its state) is read alone.</summary>
    private async Task<Dictionary<string, User>> ReadUsersAsync(List<string> ids, StrategyPeoplePlanOptions options, ReadCounter reads, CancellationToken cancellationToken)
    {
        var batches = new List<List<string>>();
        for (var i = 0; i < ids.Count; i += options.UsersPerRead)
        {
            batches.Add([.. ids.Skip(i).Take(options.UsersPerRead)]);
        }

        var answers = await Bounded.RunAsync(batches, options.MaxConcurrency, async batch =>
        {
            var found = await ListUsersAsync(id: batch, limit: -1, cancellationToken: cancellationToken).ConfigureAwait(false);
            reads.Add(1);
            var byId = found.Where(u => u is not null && u.Enabled is not null && u.Memberships is not null).GroupBy(u => u.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var id in batch.Where(id => !byId.ContainsKey(id)))
            {
                byId[id] = await GetUserAsync(id, cancellationToken).ConfigureAwait(false);
                reads.Add(1);
            }

            return byId;
        }, cancellationToken).ConfigureAwait(false);
        return answers.SelectMany(a => a).GroupBy(p => p.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Counts the reads a plan made, from parallel reads.</summary>
    private sealed class ReadCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add(int calls) => Interlocked.Add(ref _count, calls);
    }
}
