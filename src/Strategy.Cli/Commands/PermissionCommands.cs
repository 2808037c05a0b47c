using System.CommandLine;
using System.Text.RegularExpressions;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary>
/// <c>strategy roles grant|revoke</c> and <c>strategy acl grant|revoke</c>: a security role in the project,
/// or rights on an object, for users and groups named by id or name; one line per trustee, read from the
/// server's answer; exit 0 when each is as asked, 1 naming each that is not, 3 for a name that matches none or several.
/// </summary>
internal static partial class PermissionCommands
{
    private static readonly Dictionary<string, StrategyRights> RightNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["browse"] = StrategyRights.Browse, ["read"] = StrategyRights.Read, ["write"] = StrategyRights.Write, ["delete"] = StrategyRights.Delete,
        ["control"] = StrategyRights.Control, ["use"] = StrategyRights.Use, ["execute"] = StrategyRights.Execute, ["full"] = StrategyRights.Full,
    };

    public static Command Roles(CommandRunner runner)
    {
        Command Change(string verb, bool grant)
        {
            var role = new Argument<string>("role") { Description = "The security role, by id or name." };
            var to = To(grant ? "The users and groups to grant it to, by id, username or group name." : "The users and groups to revoke it from, by id, username or group name.");
            var command = new Command(verb, (grant ? "Grant a security role to users and groups in the project (--project)" : "Revoke a security role from users and groups in the project (--project)") + "; one line per trustee as the server's answer shows it, exit 0 when each is as asked, 1 naming each that is not.") { role, to };
            runner.SetAction(command, async (parseResult, session, cancellationToken) =>
            {
                var roles = session.Client<SecurityRolesClient>();
                var roleId = await RoleIdAsync(roles, parseResult.GetValue(role)!, cancellationToken);
                var trustees = await TrusteeIdsAsync(session, parseResult.GetValue(to)!, cancellationToken);
                var outcomes = grant
                    ? await roles.GrantAsync(roleId, session.ProjectId, trustees, cancellationToken)
                    : await roles.RevokeAsync(roleId, session.ProjectId, trustees, cancellationToken);
                return Print(session, outcomes);
            });
            return command;
        }

        return new Command("roles", "Security roles: grant and revoke them in a project, and the security role calls of the spec.") { Change("grant", true), Change("revoke", false) };
    }

    public static Command Acl(CommandRunner runner)
    {
        Command Change(string verb, bool grant)
        {
            var objectId = new Argument<string>("object-id") { Description = "The object." };
            var type = new Option<int>("--type") { Description = "The object's type number: 3 a report, 55 a dashboard, 8 a folder, 32 a project.", Required = true };
            var rights = new Option<string[]>("--rights") { Description = "The rights, separated by commas: browse, read, write, delete, control, use, execute, full.", Required = true, AllowMultipleArgumentsPerToken = true };
            var to = To(grant ? "The users and groups to grant the rights to, by id, username or group name." : "The users and groups to revoke the rights from, by id, username or group name.");
            var command = new Command(verb, (grant ? "Grant rights on an object to users and groups" : "Revoke rights on an object from users and groups") + "; one line per trustee as the server's answer shows it, exit 0 when each is as asked, 1 naming each that is not.") { objectId, type, rights, to };
            runner.SetAction(command, async (parseResult, session, cancellationToken) =>
            {
                var wanted = Rights(parseResult.GetValue(rights)!);
                var trustees = await TrusteeIdsAsync(session, parseResult.GetValue(to)!, cancellationToken);
                var objects = session.Client<ObjectsClient>();
                var id = parseResult.GetValue(objectId)!;
                var outcomes = grant
                    ? await objects.GrantAccessAsync(id, parseResult.GetValue(type), trustees, wanted, cancellationToken)
                    : await objects.RevokeAccessAsync(id, parseResult.GetValue(type), trustees, wanted, cancellationToken);
                return Print(session, outcomes);
            });
            return command;
        }

        return new Command("acl", "Rights on objects: grant and revoke them for users and groups.") { Change("grant", true), Change("revoke", false) };
    }

    private static Option<string[]> To(string description) => new("--to") { Description = description, Required = true, AllowMultipleArgumentsPerToken = true };

    private static int Print(CliSession session, IReadOnlyList<StrategyTrusteeOutcome> outcomes)
    {
        CommandRunner.Print(
            session,
            outcomes.Select(o => new { trusteeId = o.TrusteeId, trusteeName = o.TrusteeName, asAsked = o.AsAsked, detail = o.Detail }),
            string.Join(Environment.NewLine, outcomes.Select(o => o.ToString())));
        foreach (var notAsAsked in outcomes.Where(o => !o.AsAsked))
        {
            session.Console.Error.WriteLine($"error: {notAsAsked}");
        }

        return outcomes.All(o => o.AsAsked) ? ExitCodes.Success : ExitCodes.ServerFailure;
    }

    private static StrategyRights Rights(IEnumerable<string> given)
    {
        var rights = StrategyRights.None;
        foreach (var name in given.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            rights |= RightNames.TryGetValue(name, out var right) ? right : throw new ArgumentException($"--rights: '{name}' is not a right; the rights are {string.Join(", ", RightNames.Keys)}.");
        }

        return rights != StrategyRights.None ? rights : throw new ArgumentException("--rights: name at least one right.");
    }

    private static async Task<string> RoleIdAsync(SecurityRolesClient roles, string role, CancellationToken cancellationToken)
    {
        if (ObjectId().IsMatch(role))
        {
            return role;
        }

        var named = (await roles.ListSecurityRolesAsync(cancellationToken)).Where(r => string.Equals(r?.Name, role, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count == 1 ? named[0].Id : throw new ArgumentException(named.Count == 0 ? $"No security role is named '{role}'; nothing was changed." : $"{named.Count} security roles are named '{role}'; give the id of one: {string.Join(", ", named.Select(r => r.Id))}.");
    }

    /// <summary>Each trustee's id: an id as given, else the one user (by username) or group (by name) so named; every name is resolved before anything is changed.</summary>
    private static async Task<List<string>> TrusteeIdsAsync(CliSession session, IEnumerable<string> given, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var name in given.SelectMany(g => g.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (ObjectId().IsMatch(name))
            {
                ids.Add(name);
                continue;
            }

            var users = (await session.Client<UsersClient>().ListUsersAsync(abbreviationBegins: name, limit: -1, cancellationToken: cancellationToken))
                .Where(u => string.Equals(u?.Username ?? u?.Abbreviation, name, StringComparison.OrdinalIgnoreCase)).Select(u => u.Id);
            var groups = (await session.Client<UserGroupsClient>().ListUserGroupsAsync(nameBegins: name, limit: -1, cancellationToken: cancellationToken))
                .Where(g => string.Equals(g?.Name, name, StringComparison.OrdinalIgnoreCase)).Select(g => g.Id);
            var found = users.Concat(groups).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            ids.Add(found.Count == 1 ? found[0] : throw new ArgumentException(found.Count == 0
                ? $"--to: no user or group is named '{name}'; nothing was changed."
                : $"--to: '{name}' names {found.Count} users and groups; give the id of one: {string.Join(", ", found)}. Nothing was changed."));
        }

        return ids;
    }

    [GeneratedRegex("^[0-9A-Fa-f]{32}$")]
    private static partial Regex ObjectId();
}
