namespace Strategy.Generated;

/// <summary>
/// A plan of people applied: a bounded number at once, each person's changes in as few calls as the API
/// allows (one create with memberships, or one change carrying every operation; an email address is a
/// call of its own), and each outcome read from the server's answer, not from what was planned.
/// </summary>
public partial class UsersClient
{
    /// <summary>
    /// Applies a plan. A failure never stops or hides the others: every person of the plan has an outcome.
    /// The time limit, or <paramref name="cancellationToken"/>, stops new changes from starting; those in flight end
    /// (each call within the client's own call limit), and the rest are reported as not started.
    /// </summary>
    /// <param name="plan">The plan, from <see cref="PlanAsync"/>.</param>
    /// <param name="options">How to apply; defaults when <see langword="null"/>.</param>
    /// <param name="progress">Told each outcome as it ends.</param>
    /// <param name="cancellationToken">Stops new changes from starting.</param>
    /// <returns>Every person's outcome, in the plan's order.</returns>
    /// <exception cref="ArgumentException">The plan creates someone with a Strategy password and <see cref="StrategyPeopleApplyOptions.OneTimePasswords"/> is not set: nothing was sent.</exception>
    public virtual async Task<StrategyPeopleApplyResult> ApplyAsync(StrategyPeoplePlan plan, StrategyPeopleApplyOptions? options = null, IProgress<StrategyPersonOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);

        options ??= new StrategyPeopleApplyOptions();
        if (options.MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxConcurrency, "MaxConcurrency must be at least 1.");
        }

        if (options.OneTimePasswords is null && plan.Changes.Any(c => c.Action == StrategyPersonAction.Create && c.Create?.StandardAuth == true))
        {
            throw new ArgumentException("The plan creates people with a Strategy password: give OneTimePasswords, which keeps each one-time password where only the caller can read it. Nothing was sent.", nameof(options));
        }

        var time = options.TimeProvider ?? TimeProvider.System;
        var started = time.GetTimestamp();
        StrategyPersonOutcome[] outcomes;
        var timeUp = 0;
        var stopped = 0;
        var outcomesInOrder = await Bounded.RunAsync(plan.Changes, options.MaxConcurrency, async change =>
        {
            StrategyPersonOutcome outcome;
            if (change.Action is StrategyPersonAction.Unchanged or StrategyPersonAction.Refused)
            {
                outcome = change.Action == StrategyPersonAction.Refused
                    ? new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Failed, change.Problem)
                    : new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Unchanged, null);
            }
            else if (cancellationToken.IsCancellationRequested || Volatile.Read(ref stopped) == 1)
            {
                Interlocked.Exchange(ref stopped, 1);
                outcome = new StrategyPersonOutcome(change, StrategyPersonOutcomeState.NotStarted, "stopped before it started; nothing was sent");
            }
            else if (options.TimeLimit is { } limit && (Volatile.Read(ref timeUp) == 1 || time.GetElapsedTime(started) >= limit))
            {
                Interlocked.Exchange(ref timeUp, 1);
                outcome = new StrategyPersonOutcome(change, StrategyPersonOutcomeState.NotStarted, "the time limit ran out before it started; nothing was sent");
            }
            else
            {
                // In flight, a change ends whatever the caller's token says: half a person is worse than a late one.
                outcome = await ApplyOneAsync(change, options, CancellationToken.None).ConfigureAwait(false);
            }

            // A person whose roles change is told once the role calls have answered.
            if (!change.ChangesRoles)
            {
                progress?.Report(outcome);
            }

            return outcome;
        }, CancellationToken.None).ConfigureAwait(false);
        outcomes = [.. outcomesInOrder];
        if (plan.Changes.Any(c => c.ChangesRoles))
        {
            var late = cancellationToken.IsCancellationRequested ? "stopped before they started"
                : options.TimeLimit is { } limit && time.GetElapsedTime(started) >= limit ? "the time limit ran out before they started"
                : null;
            stopped |= cancellationToken.IsCancellationRequested ? 1 : 0;
            timeUp |= late is not null && !cancellationToken.IsCancellationRequested ? 1 : 0;
            await ChangeRolesAsync(plan, outcomes, late, options.MaxConcurrency).ConfigureAwait(false);
            foreach (var index in Enumerable.Range(0, plan.Changes.Count).Where(i => plan.Changes[i].ChangesRoles))
            {
                progress?.Report(outcomes[index]);
            }
        }

        return new StrategyPeopleApplyResult(outcomes, timeUp == 1, stopped == 1);
    }

    /// <summary>
    /// The plan's security roles: one call per role granting it to everyone who needs it, one revoking it,
    /// and each person's outcome updated from the role the server answered.
    /// </summary>
    private async Task ChangeRolesAsync(StrategyPeoplePlan plan, StrategyPersonOutcome[] outcomes, string? notStarted, int maxConcurrency)
    {
        var problems = new Dictionary<int, List<string>>();
        void Problem(int index, string problem)
        {
            lock (problems)
            {
                (problems.TryGetValue(index, out var list) ? list : problems[index] = []).Add(problem);
            }
        }

        var people = Enumerable.Range(0, plan.Changes.Count).Where(i => plan.Changes[i].ChangesRoles).ToList();
        var calls = new List<(string RoleId, bool Grant, List<int> People)>();
        foreach (var roleId in people.SelectMany(i => plan.Changes[i].RolesToGrant.Concat(plan.Changes[i].RolesToRevoke)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var grant in new[] { true, false })
            {
                var who = people.Where(i => (grant ? plan.Changes[i].RolesToGrant : plan.Changes[i].RolesToRevoke).Contains(roleId, StringComparer.OrdinalIgnoreCase)).ToList();
                if (who.Count > 0)
                {
                    calls.Add((roleId, grant, who));
                }
            }
        }

        var roles = new SecurityRolesClient(_httpClient) { ProjectId = ProjectId };
        await Bounded.RunAsync(calls, maxConcurrency, async call =>
        {
            var name = plan.RoleNames.TryGetValue(call.RoleId, out var known) ? known : call.RoleId;
            var what = (call.Grant ? "+role " : "-role ") + name;

            // A person whose own change failed has no user (or no change) to give the role to.
            var ready = call.People.Where(i => outcomes[i].Succeeded && outcomes[i].UserId is not null).ToList();
            if (notStarted is not null)
            {
                ready.ForEach(i => Problem(i, $"{what} not made: {notStarted}; nothing was sent for it"));
                return 0;
            }

            if (ready.Count == 0)
            {
                return 0;
            }

            try
            {
                var answer = call.Grant
                    ? await roles.GrantAsync(call.RoleId, plan.ProjectId!, ready.Select(i => outcomes[i].UserId!), CancellationToken.None).ConfigureAwait(false)
                    : await roles.RevokeAsync(call.RoleId, plan.ProjectId!, ready.Select(i => outcomes[i].UserId!), CancellationToken.None).ConfigureAwait(false);
                var byId = answer.ToDictionary(o => o.TrusteeId, StringComparer.OrdinalIgnoreCase);
                foreach (var i in ready.Where(i => !byId.TryGetValue(outcomes[i].UserId!, out var outcome) || !outcome.AsAsked))
                {
                    Problem(i, $"{what} not made: " + (byId.TryGetValue(outcomes[i].UserId!, out var outcome) ? outcome.Detail : "the answer does not name the user"));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var reason = ex is StrategyApiException api ? string.Join(" ", new[] { api.ErrorCode, api.ServerMessage ?? "HTTP " + api.StatusCode }.Where(t => !string.IsNullOrEmpty(t))) : ex.Message;
                ready.ForEach(i => Problem(i, $"{what} not made: {reason}"));
            }

            return 0;
        }, CancellationToken.None).ConfigureAwait(false);

        foreach (var (index, list) in problems)
        {
            var done = outcomes[index].Action == StrategyPersonAction.Create ? "created" : "updated";
            outcomes[index] = new StrategyPersonOutcome(plan.Changes[index], StrategyPersonOutcomeState.Failed, $"{done}, but " + string.Join("; ", list), userId: outcomes[index].UserId);
        }
    }

    private async Task<StrategyPersonOutcome> ApplyOneAsync(StrategyPersonChange change, StrategyPeopleApplyOptions options, CancellationToken cancellationToken)
    {
        User answer;
        string? password = null;
        try
        {
            if (change.Action == StrategyPersonAction.Create)
            {
                var request = change.Create!;
                if (request.StandardAuth == true)
                {
                    password = OneTimePassword.Create();
                }

                answer = await CreateUserAsync(WithPassword(request, password), cancellationToken).ConfigureAwait(false);
            }
            else if (change.Operations.Count > 0)
            {
                answer = await UpdateUserAsync(change.UserId!, new ChangeOperations { OperationList = [.. change.Operations] }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                answer = new User { Id = change.UserId! };
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Failed(change, ex, null);
        }

        var userId = string.IsNullOrEmpty(answer.Id) ? change.UserId : answer.Id;
        if (password is not null)
        {
            try
            {
                await options.OneTimePasswords!(change.Username, password, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Failed, "created, but its one-time password could not be kept (" + ex.Message + "); reset it", userId: userId);
            }
        }

        var done = change.Action == StrategyPersonAction.Create ? "created" : "updated";
        if (change.Operations.Count > 0 || change.Action == StrategyPersonAction.Create)
        {
            if (Mismatch(change, answer) is { } mismatch)
            {
                return new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Failed, $"the server answered the change, yet {mismatch}", userId: userId);
            }
        }

        if (change.AddsEmail)
        {
            try
            {
                await CreateUserAddressAsync(userId!, new UserAddress { Name = "Email", DeliveryMode = "EMAIL", Device = "GENERIC_EMAIL", Value = change.Person.Email!.Trim(), IsDefault = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Failed(change, ex, change.Action == StrategyPersonAction.Update && change.Operations.Count == 0 ? null : done + ", but its email address was refused", userId);
            }
        }

        return new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Done, null, userId: userId);
    }

    private static UserCreateRequest WithPassword(UserCreateRequest request, string? password) => new()
    {
        Username = request.Username,
        FullName = request.FullName,
        Description = request.Description,
        Password = password,
        Enabled = request.Enabled,
        PasswordModifiable = request.PasswordModifiable,
        RequireNewPassword = request.RequireNewPassword,
        StandardAuth = request.StandardAuth,
        Ldapdn = request.Ldapdn,
        TrustId = request.TrustId,
        Memberships = request.Memberships,
    };

    /// <summary>What the server's answer shows otherwise than planned; <see langword="null"/> when it shows the person as planned.</summary>
    private static string? Mismatch(StrategyPersonChange change, User answer)
    {
        var planned = change.Action == StrategyPersonAction.Create ? change.Create!.Enabled : change.Operations.FirstOrDefault(o => o.Path == "/enabled")?.Value as bool?;
        if (planned is { } enabled && answer.Enabled is { } actual && actual != enabled)
        {
            return $"the user is {(actual ? "enabled" : "disabled")}";
        }

        if (answer.Memberships is null)
        {
            // An answer without memberships says nothing about them: read leniently.
            return null;
        }

        var now = answer.Memberships.Select(m => m.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = change.GroupsAfter.Where(g => !now.Contains(g)).Select(g => change.GroupNames.TryGetValue(g, out var n) ? n : g).ToList();
        var kept = change.GroupsNotAfter.Where(now.Contains).Select(g => change.GroupNames.TryGetValue(g, out var n) ? n : g).ToList();
        return missing.Count > 0 ? "the user is not a member of " + string.Join(", ", missing)
            : kept.Count > 0 ? "the user is still a member of " + string.Join(", ", kept)
            : null;
    }

    private static StrategyPersonOutcome Failed(StrategyPersonChange change, Exception ex, string? partly, string? userId = null)
    {
        var reason = ex is StrategyApiException api
            ? string.Join(" ", new[] { api.ErrorCode, api.ServerMessage ?? "HTTP " + api.StatusCode }.Where(s => !string.IsNullOrEmpty(s)))
            : ex.Message;
        return new StrategyPersonOutcome(change, StrategyPersonOutcomeState.Failed, partly is null ? reason : partly + ": " + reason, ex as StrategyApiException, userId);
    }
}
