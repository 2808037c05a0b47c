using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Strategy.Generated;

namespace Strategy.Emulator.State;

/// <summary>
/// Users, user groups, security roles, security filters' members and objects' access control lists, with
/// the server's rules: every user is a member of Everyone, a username or a name is taken once
/// (case-insensitive), a group membership is direct, and a role is granted per project. Every changing
/// call is counted, so a test can prove that a second apply changed nothing.
/// </summary>
internal sealed class PeopleState
{
    /// <summary>The Everyone group: every user is a member.</summary>
    public const string EveryoneId = "C82C6B1011D2894CC0009D9F29718E4F";

    /// <summary>System Administrators: its members may manage people.</summary>
    public const string AdministratorsId = "5F3FAFE111D2D8CC6000CC8E67019608";

    /// <summary>A user who is not an administrator (a member of Everyone only).</summary>
    public const string AnalystId = "A11A1A11A1A14A1AA1A1A1A1A1A1A1A1";

    /// <summary>Security role "Normal Users".</summary>
    public const string NormalUsersRoleId = "73F7482111D3596C60001B8F67019608";

    /// <summary>A security filter of the project, with no member at first.</summary>
    public const string RegionFilterId = "5E1F0C3B2A9D4E7F8A6B1C2D3E4F5A6B";

    private const int UserSubtype = 8704;
    private const int GroupSubtype = 8705;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, UserRecord> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GroupRecord> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RoleRecord> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<AccessControlEntry>> _acls = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _filterMembers = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private int _changingCalls;

    public PeopleState(StrategyEmulatorOptions options)
    {
        _time = options.TimeProvider;
        var now = _time.GetUtcNow();
        _users[Seeds.AdministratorId] = new UserRecord(Seeds.AdministratorId, options.Username, "Administrator", now) { Password = options.Password };
        _users[AnalystId] = new UserRecord(AnalystId, options.AnalystUsername, "Analyst", now) { Password = options.AnalystPassword };
        _groups[EveryoneId] = new GroupRecord(EveryoneId, "Everyone", "Every user.");
        _groups[AdministratorsId] = new GroupRecord(AdministratorsId, "System Administrators", "May manage the server and its people.");
        _groups[AdministratorsId].Members.Add(Seeds.AdministratorId);
        _roles[NormalUsersRoleId] = new RoleRecord(NormalUsersRoleId, "Normal Users", "Run and view reports and dashboards.", ["1", "2"]);
        _roles["73F7482211D3596C60001B8F67019608"] = new RoleRecord("73F7482211D3596C60001B8F67019608", "Power Users", "Create reports and dashboards.", ["1", "2", "3"]);
    }

    /// <summary>How many changing calls (create, change, delete, grant) the people endpoints received, refused ones too.</summary>
    public int ChangingCalls => Volatile.Read(ref _changingCalls);

    /// <summary>How many users there are.</summary>
    public int UserCount
    {
        get
        {
            lock (_gate)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>The privileges a role can hold.</summary>
    public static IReadOnlyList<Privilege> Privileges { get; } =
    [
        new() { Id = "1", Name = "Create application objects", Description = "Create reports, metrics and filters.", IsProjectLevelPrivilege = true },
        new() { Id = "2", Name = "Web run dashboard", Description = "Run dashboards in Library.", IsProjectLevelPrivilege = true },
        new() { Id = "3", Name = "Use Workstation", Description = "Author in Workstation.", IsProjectLevelPrivilege = true },
        new() { Id = "261", Name = "Create and edit users and groups", Description = "Manage people.", IsProjectLevelPrivilege = false },
    ];

    public void CountChange() => Interlocked.Increment(ref _changingCalls);

    /// <summary>The user a standard login names, when its password matches and it may log in.</summary>
    public string? Authenticate(string? username, string? password)
    {
        lock (_gate)
        {
            var user = _users.Values.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));
            return user is { Enabled: true, StandardAuth: true, Password: { } expected } && expected == (password ?? string.Empty) ? user.Id : null;
        }
    }

    /// <summary>Whether the user may manage people (a member of System Administrators).</summary>
    public bool IsAdministrator(string userId)
    {
        lock (_gate)
        {
            return _groups[AdministratorsId].Members.Contains(userId);
        }
    }

    /// <summary>The username of a user, for the monitor's connection list.</summary>
    public string? UsernameOf(string userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) ? user.Username : null;
        }
    }

    // Users

    public IReadOnlyList<User> FindUsers(string? nameBegins, string? usernameBegins, IReadOnlyCollection<string> ids)
    {
        var name = Pattern(nameBegins);
        var username = Pattern(usernameBegins);
        lock (_gate)
        {
            return _users.Values
                .Where(u => ids.Count == 0 || ids.Contains(u.Id, StringComparer.OrdinalIgnoreCase))
                .Where(u => name?.IsMatch(u.FullName) != false && username?.IsMatch(u.Username) != false)
                .OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase)
                .Select(ToModel)
                .ToList();
        }
    }

    public User? FindUser(string id)
    {
        lock (_gate)
        {
            return _users.TryGetValue(id, out var user) ? ToModel(user) : null;
        }
    }

    public (User? Created, string? Problem) CreateUser(UserCreateRequest request)
    {
        lock (_gate)
        {
            if (_users.Values.Any(u => string.Equals(u.Username, request.Username, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"ERR0015:The user '{request.Username}' already exists.");
            }

            var unknown = (request.Memberships ?? []).FirstOrDefault(g => !_groups.ContainsKey(g));
            if (unknown is not null)
            {
                return (null, $"ERR004:There is no user group {unknown}.");
            }

            var standard = request.StandardAuth ?? true;
            var user = new UserRecord(EmulatorState.NewId(), request.Username, request.FullName ?? request.Username, _time.GetUtcNow())
            {
                Description = request.Description,
                Enabled = request.Enabled ?? true,
                StandardAuth = standard,
                Password = standard ? request.Password ?? string.Empty : null,
                RequireNewPassword = request.RequireNewPassword ?? false,
                PasswordModifiable = request.PasswordModifiable ?? true,
                Ldapdn = request.Ldapdn,
                TrustId = request.TrustId,
            };
            _users[user.Id] = user;
            foreach (var group in request.Memberships ?? [])
            {
                _groups[group].Members.Add(user.Id);
            }

            return (ToModel(user), null);
        }
    }

    /// <summary>Applies a user's operations all or nothing; the problem names the first that cannot be made.</summary>
    public (User? Changed, string? Problem) ChangeUser(string id, IReadOnlyList<JObject> operations)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(id, out var user))
            {
                return (null, $"ERR004:There is no user {id}.");
            }

            var copy = user.Copy();
            var memberships = Groups.Where(g => g.Members.Contains(id)).Select(g => g.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var operation in operations)
            {
                var op = (operation.Value<string>("op") ?? string.Empty).ToLowerInvariant();
                var path = operation.Value<string>("path") ?? string.Empty;
                var value = operation["value"];
                switch (path)
                {
                    case "/memberships":
                        var groups = Ids(value);
                        if (groups.FirstOrDefault(g => !_groups.ContainsKey(g)) is { } missing)
                        {
                            return (null, $"ERR004:There is no user group {missing}.");
                        }

                        if (groups.Any(g => g.Equals(EveryoneId, StringComparison.OrdinalIgnoreCase)) && op != "add")
                        {
                            return (null, "ERR006:Every user is a member of Everyone.");
                        }

                        if (op == "add")
                        {
                            memberships.UnionWith(groups);
                        }
                        else if (op == "remove")
                        {
                            memberships.ExceptWith(groups);
                        }
                        else
                        {
                            memberships = groups.ToHashSet(StringComparer.OrdinalIgnoreCase);
                        }

                        break;
                    case "/enabled" when op == "replace" && value?.Type == JTokenType.Boolean:
                        copy.Enabled = (bool)value;
                        break;
                    case "/fullName" when op == "replace" && value?.Type == JTokenType.String:
                        copy.FullName = (string)value!;
                        break;
                    case "/description" when op == "replace":
                        copy.Description = value?.ToString();
                        break;
                    case "/password" when op == "replace" && value?.Type == JTokenType.String:
                        copy.Password = (string)value!;
                        break;
                    case "/requireNewPassword" when op == "replace" && value?.Type == JTokenType.Boolean:
                        copy.RequireNewPassword = (bool)value;
                        break;
                    case "/ldapdn" when op == "replace":
                        copy.Ldapdn = value?.ToString();
                        break;
                    default:
                        return (null, $"ERR006:The operation '{op} {path}' cannot be applied to a user.");
                }
            }

            copy.Modified = _time.GetUtcNow();
            _users[id] = copy;
            foreach (var group in _groups.Values.Where(g => !g.IsEveryone))
            {
                if (memberships.Contains(group.Id))
                {
                    group.Members.Add(id);
                }
                else
                {
                    group.Members.Remove(id);
                }
            }

            return (ToModel(copy), null);
        }
    }

    public bool DeleteUser(string id)
    {
        lock (_gate)
        {
            foreach (var group in _groups.Values)
            {
                group.Members.Remove(id);
            }

            return _users.Remove(id);
        }
    }

    public (JObject? Address, string? Problem) AddAddress(string id, UserAddress address)
    {
        lock (_gate)
        {
            if (!_users.TryGetValue(id, out var user))
            {
                return (null, $"ERR004:There is no user {id}.");
            }

            if (!address.Value.Contains('@', StringComparison.Ordinal))
            {
                return (null, $"ERR006:'{address.Value}' is not an email address.");
            }

            if (address.IsDefault == true || user.DefaultEmail is null)
            {
                user.DefaultEmail = address.Value;
            }

            return (new JObject
            {
                ["addresses"] = new JObject
                {
                    ["id"] = EmulatorState.NewId(),
                    ["name"] = address.Name,
                    ["deliveryMode"] = address.DeliveryMode ?? "EMAIL",
                    ["deviceId"] = "1D2E6D168A7711D4BE8100B0D04B6F0B",
                    ["value"] = address.Value,
                    ["isDefault"] = address.IsDefault ?? false,
                },
            }, null);
        }
    }

    public IReadOnlyList<Member>? MembershipsOf(string id)
    {
        lock (_gate)
        {
            return _users.ContainsKey(id) ? [.. Groups.Where(g => g.Members.Contains(id)).Select(GroupMember)] : null;
        }
    }

    // Groups

    public IReadOnlyList<UserGroup> FindGroups(string? nameBegins)
    {
        var name = Pattern(nameBegins);
        lock (_gate)
        {
            return _groups.Values.Where(g => name?.IsMatch(g.Name) != false).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).Select(ToModel).ToList();
        }
    }

    public UserGroup? FindGroup(string id)
    {
        lock (_gate)
        {
            return _groups.TryGetValue(id, out var group) ? ToModel(group) : null;
        }
    }

    /// <summary>A group's direct members, users first by username; <see langword="null"/> when there is no such group.</summary>
    public IReadOnlyList<Member>? MembersOf(string id)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(id, out var group))
            {
                return null;
            }

            var users = group.IsEveryone ? _users.Values.AsEnumerable() : group.Members.Where(_users.ContainsKey).Select(m => _users[m]);
            return
            [
                .. users.OrderBy(u => u.Username, StringComparer.OrdinalIgnoreCase).Select(UserMember),
                .. group.Members.Where(_groups.ContainsKey).Select(m => GroupMember(_groups[m])),
            ];
        }
    }

    public (UserGroup? Created, string? Problem) CreateGroup(UserGroupCreateRequest request)
    {
        lock (_gate)
        {
            if (_groups.Values.Any(g => string.Equals(g.Name, request.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"ERR0015:The user group '{request.Name}' already exists.");
            }

            var members = (request.Members ?? []).ToList();
            if (members.FirstOrDefault(m => !_users.ContainsKey(m) && !_groups.ContainsKey(m)) is { } unknown)
            {
                return (null, $"ERR004:There is no user or group {unknown}.");
            }

            if ((request.Memberships ?? []).FirstOrDefault(g => !_groups.ContainsKey(g)) is { } parent)
            {
                return (null, $"ERR004:There is no user group {parent}.");
            }

            var group = new GroupRecord(EmulatorState.NewId(), request.Name, request.Description);
            group.Members.UnionWith(members);
            _groups[group.Id] = group;
            foreach (var parentId in request.Memberships ?? [])
            {
                _groups[parentId].Members.Add(group.Id);
            }

            return (ToModel(group), null);
        }
    }

    public (UserGroup? Changed, string? Problem) ChangeGroup(string id, IReadOnlyList<JObject> operations)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(id, out var group))
            {
                return (null, $"ERR004:There is no user group {id}.");
            }

            if (group.IsEveryone)
            {
                return (null, "ERR006:Everyone's members are every user; it cannot be changed.");
            }

            var members = group.Members.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var (name, description) = (group.Name, group.Description);
            foreach (var operation in operations)
            {
                var op = (operation.Value<string>("op") ?? string.Empty).ToLowerInvariant();
                var path = operation.Value<string>("path") ?? string.Empty;
                var value = operation["value"];
                switch (path)
                {
                    case "/members":
                        var ids = Ids(value);
                        if (ids.FirstOrDefault(m => !_users.ContainsKey(m) && !_groups.ContainsKey(m)) is { } unknown)
                        {
                            return (null, $"ERR004:There is no user or group {unknown}.");
                        }

                        if (op == "add")
                        {
                            members.UnionWith(ids);
                        }
                        else if (op == "remove")
                        {
                            members.ExceptWith(ids);
                        }
                        else
                        {
                            members = ids.ToHashSet(StringComparer.OrdinalIgnoreCase);
                        }

                        break;
                    case "/name" when op == "replace" && value?.Type == JTokenType.String:
                        name = (string)value!;
                        if (_groups.Values.Any(g => g.Id != id && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
                        {
                            return (null, $"ERR0015:The user group '{name}' already exists.");
                        }

                        break;
                    case "/description" when op == "replace":
                        description = value?.ToString();
                        break;
                    default:
                        return (null, $"ERR006:The operation '{op} {path}' cannot be applied to a user group.");
                }
            }

            var changed = new GroupRecord(id, name, description);
            changed.Members.UnionWith(members);
            _groups[id] = changed;
            return (ToModel(changed), null);
        }
    }

    public bool DeleteGroup(string id)
    {
        lock (_gate)
        {
            if (id.Equals(EveryoneId, StringComparison.OrdinalIgnoreCase) || !_groups.Remove(id))
            {
                return false;
            }

            foreach (var group in _groups.Values)
            {
                group.Members.Remove(id);
            }

            return true;
        }
    }

    // Security roles

    public IReadOnlyList<SecurityRole> Roles()
    {
        lock (_gate)
        {
            return _roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(ToModel).ToList();
        }
    }

    public SecurityRole? FindRole(string id)
    {
        lock (_gate)
        {
            return _roles.TryGetValue(id, out var role) ? ToModel(role) : null;
        }
    }

    public (string? Id, string? Problem) CreateRole(SecurityRoleCreateRequest request)
    {
        lock (_gate)
        {
            if (_roles.Values.Any(r => string.Equals(r.Name, request.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return (null, $"ERR0015:The security role '{request.Name}' already exists.");
            }

            var privileges = (request.Privileges ?? []).Select(p => p.Id).ToList();
            if (privileges.FirstOrDefault(p => Privileges.All(known => known.Id != p)) is { } unknown)
            {
                return (null, $"ERR006:There is no privilege {unknown}.");
            }

            var role = new RoleRecord(EmulatorState.NewId(), request.Name, request.Description, privileges);
            _roles[role.Id] = role;
            return (role.Id, null);
        }
    }

    /// <summary>A role's members in a project or its privileges, never both in one call, all or nothing.</summary>
    public (SecurityRole? Changed, string? Problem) ChangeRole(string id, IReadOnlyList<JObject> operations)
    {
        lock (_gate)
        {
            if (!_roles.TryGetValue(id, out var role))
            {
                return (null, $"ERR004:There is no security role {id}.");
            }

            var paths = operations.Select(o => o.Value<string>("path")).Distinct(StringComparer.Ordinal).ToList();
            if (paths.Count > 1)
            {
                return (null, "ERR006:A security role's members and its privileges cannot be changed in one call.");
            }

            var members = role.Members.ToDictionary(p => p.Key, p => p.Value.ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
            var privileges = role.Privileges.ToList();
            foreach (var operation in operations)
            {
                var op = (operation.Value<string>("op") ?? string.Empty).ToLowerInvariant();
                var value = operation["value"];
                if (paths[0] == "/members" && value is JObject grant && grant.Value<string>("projectId") is { } projectId)
                {
                    if (!projectId.Equals(Seeds.ProjectId, StringComparison.OrdinalIgnoreCase))
                    {
                        return (null, $"ERR004:There is no project {projectId}.");
                    }

                    var ids = Ids(grant["memberIds"]);
                    if (ids.FirstOrDefault(m => !_users.ContainsKey(m) && !_groups.ContainsKey(m)) is { } unknown)
                    {
                        return (null, $"ERR004:There is no user or group {unknown}.");
                    }

                    var set = members.TryGetValue(Seeds.ProjectId, out var current) ? current : members[Seeds.ProjectId] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    if (op == "add")
                    {
                        set.UnionWith(ids);
                    }
                    else if (op == "remove")
                    {
                        set.ExceptWith(ids);
                    }
                    else if (op == "replace")
                    {
                        set.Clear();
                        set.UnionWith(ids);
                    }
                    else
                    {
                        return (null, $"ERR006:The operation '{op}' cannot be applied to a security role's members.");
                    }
                }
                else if (paths[0] == "/privileges" && value is JArray list)
                {
                    var ids = list.OfType<JObject>().Select(p => p.Value<string>("id") ?? string.Empty).ToList();
                    if (ids.FirstOrDefault(p => Privileges.All(known => known.Id != p)) is { } unknown)
                    {
                        return (null, $"ERR006:There is no privilege {unknown}.");
                    }

                    privileges = op switch
                    {
                        "addelement" or "addelements" => [.. privileges.Union(ids)],
                        "removeelement" or "removeelements" => [.. privileges.Except(ids)],
                        "replace" => ids,
                        _ => null!,
                    };
                    if (privileges is null)
                    {
                        return (null, $"ERR006:The operation '{op}' cannot be applied to a security role's privileges.");
                    }
                }
                else
                {
                    return (null, "ERR006:A security role's operation changes /members ({projectId, memberIds}) or /privileges ([{id}]).");
                }
            }

            var changed = new RoleRecord(role.Id, role.Name, role.Description, privileges);
            foreach (var (project, set) in members)
            {
                changed.Members[project] = set;
            }

            _roles[id] = changed;
            return (ToModel(changed), null);
        }
    }

    public bool DeleteRole(string id)
    {
        lock (_gate)
        {
            return _roles.Remove(id);
        }
    }

    public IReadOnlyList<Member>? RoleMembers(string id, string projectId)
    {
        lock (_gate)
        {
            return _roles.TryGetValue(id, out var role)
                ? [.. (role.Members.TryGetValue(projectId, out var set) ? set : []).Select(MemberOf).OfType<Member>()]
                : null;
        }
    }

    // Security filters

    public IReadOnlyList<Member> FilterMembers()
    {
        lock (_gate)
        {
            return [.. _filterMembers.Select(MemberOf).OfType<Member>()];
        }
    }

    /// <summary>Adds or removes a security filter's members; the problem names the first that cannot be.</summary>
    public string? ChangeFilterMembers(IReadOnlyList<JObject> operations)
    {
        lock (_gate)
        {
            var members = _filterMembers.ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var operation in operations)
            {
                var ids = Ids(operation["value"]);
                if (ids.FirstOrDefault(m => !_users.ContainsKey(m) && !_groups.ContainsKey(m)) is { } unknown)
                {
                    return $"ERR004:There is no user or group {unknown}.";
                }

                switch (operation.Value<string>("op"))
                {
                    case "addElements" or "addElement":
                        members.UnionWith(ids);
                        break;
                    case "removeElements" or "removeElement":
                        members.ExceptWith(ids);
                        break;
                    default:
                        return $"ERR006:A security filter's members take addElements or removeElements, not '{operation.Value<string>("op")}'.";
                }
            }

            _filterMembers.Clear();
            _filterMembers.UnionWith(members);
            return null;
        }
    }

    // Access control lists

    public IList<AccessControlEntry> AclOf(string objectId)
    {
        lock (_gate)
        {
            return _acls.TryGetValue(objectId, out var acl) ? [.. acl.Select(Copy)] : [Entry(Seeds.AdministratorId, 255)];
        }
    }

    /// <summary>Applies ACL changes all or nothing; the problem names the first that cannot be made.</summary>
    public string? ChangeAcl(string objectId, IReadOnlyList<AclChange> changes)
    {
        lock (_gate)
        {
            var acl = AclOf(objectId).ToList();
            foreach (var change in changes)
            {
                if (!_users.ContainsKey(change.Trustee) && !_groups.ContainsKey(change.Trustee))
                {
                    return $"ERR004:There is no user or group {change.Trustee}.";
                }

                var denied = change.Denied ?? false;
                var entry = acl.FirstOrDefault(e => string.Equals(e.TrusteeId, change.Trustee, StringComparison.OrdinalIgnoreCase) && (e.Deny ?? false) == denied);
                switch (change.Op)
                {
                    case AclChangeOperation.Add when entry is null:
                        acl.Add(Entry(change.Trustee, change.Rights, denied, change.Inheritable ?? false));
                        break;
                    case AclChangeOperation.Add:
                        entry.Rights = (entry.Rights ?? 0) | (long)change.Rights;
                        break;
                    case AclChangeOperation.Remove when entry is null:
                        // As the server answers it (mstrio-py#228).
                        return "ERR004:Removal failed! No user with such permission exists!";
                    case AclChangeOperation.Remove:
                        entry.Rights = (entry.Rights ?? 0) & ~(long)change.Rights;
                        if (entry.Rights == 0)
                        {
                            acl.Remove(entry);
                        }

                        break;
                    default:
                        acl.RemoveAll(e => string.Equals(e.TrusteeId, change.Trustee, StringComparison.OrdinalIgnoreCase) && (e.Deny ?? false) == denied);
                        if (change.Rights != 0)
                        {
                            acl.Add(Entry(change.Trustee, change.Rights, denied, change.Inheritable ?? false));
                        }

                        break;
                }
            }

            _acls[objectId] = acl;
            return null;
        }
    }

    private IEnumerable<GroupRecord> Groups => _groups.Values;

    private AccessControlEntry Entry(string trustee, long rights, bool denied = false, bool inheritable = false) => new()
    {
        Deny = denied,
        Type = 1,
        Rights = rights,
        TrusteeId = trustee,
        TrusteeName = _users.TryGetValue(trustee, out var user) ? user.FullName : _groups.TryGetValue(trustee, out var group) ? group.Name : trustee,
        TrusteeType = 34,
        TrusteeSubtype = _users.ContainsKey(trustee) ? UserSubtype : GroupSubtype,
        Inheritable = inheritable,
    };

    private static AccessControlEntry Copy(AccessControlEntry e) => new()
    {
        Deny = e.Deny, Type = e.Type, Rights = e.Rights, TrusteeId = e.TrusteeId, TrusteeName = e.TrusteeName,
        TrusteeType = e.TrusteeType, TrusteeSubtype = e.TrusteeSubtype, Inheritable = e.Inheritable,
    };

    private Member? MemberOf(string id) =>
        _users.TryGetValue(id, out var user) ? UserMember(user) : _groups.TryGetValue(id, out var group) ? GroupMember(group) : null;

    private static Member UserMember(UserRecord user) => new() { Id = user.Id, Name = user.FullName, Type = 34, Subtype = UserSubtype, Abbreviation = user.Username };

    private static Member GroupMember(GroupRecord group) => new() { Id = group.Id, Name = group.Name, Type = 34, Subtype = GroupSubtype };

    private User ToModel(UserRecord user) => new()
    {
        Id = user.Id,
        Name = user.FullName,
        Type = 34,
        Subtype = UserSubtype,
        Abbreviation = user.Username,
        Username = user.Username,
        FullName = user.FullName,
        Description = user.Description,
        Enabled = user.Enabled,
        PasswordModifiable = user.PasswordModifiable,
        RequireNewPassword = user.RequireNewPassword,
        StandardAuth = user.StandardAuth,
        Ldapdn = user.Ldapdn,
        TrustId = user.TrustId,
        Initials = string.Concat(user.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0])).ToUpperInvariant(),
        DefaultEmailAddress = user.DefaultEmail,
        Memberships = [.. Groups.Where(g => g.IsEveryone || g.Members.Contains(user.Id)).Select(GroupMember)],
        DateCreated = user.Created,
        DateModified = user.Modified,
    };

    private UserGroup ToModel(GroupRecord group) => new()
    {
        Id = group.Id,
        Name = group.Name,
        Type = 34,
        Subtype = GroupSubtype,
        Description = group.Description,
        Memberships = [.. Groups.Where(g => g.Members.Contains(group.Id)).Select(GroupMember)],

        // Everyone's members are every user: listed by its members call, a page at a time, not here.
        Members = group.IsEveryone ? [] : [.. group.Members.Select(MemberOf).OfType<Member>()],
    };

    private SecurityRole ToModel(RoleRecord role) => new()
    {
        Id = role.Id,
        Name = role.Name,
        Description = role.Description,
        Privileges = [.. role.Privileges.Select(p => Privileges.First(known => known.Id == p))],
        Projects =
        [
            new SecurityRoleProject
            {
                Id = Seeds.ProjectId,
                Name = Seeds.ProjectName,
                Members = [.. (role.Members.TryGetValue(Seeds.ProjectId, out var set) ? set : []).Select(MemberOf).OfType<Member>()],
            },
        ],
    };

    /// <summary>The ids a value names: one id, or a list of them.</summary>
    private static List<string> Ids(JToken? value) => value switch
    {
        JArray list => [.. list.Select(i => i.ToString())],
        JValue { Type: JTokenType.String } one => [(string)one!],
        _ => [],
    };

    /// <summary>A "begins with" filter, with the server's wildcards: ? one character, * any.</summary>
    private static Regex? Pattern(string? begins) => string.IsNullOrEmpty(begins)
        ? null
        : new Regex("^" + Regex.Escape(begins).Replace(@"\?", ".", StringComparison.Ordinal).Replace(@"\*", ".*", StringComparison.Ordinal), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private sealed class UserRecord(string id, string username, string fullName, DateTimeOffset created)
    {
        public string Id { get; } = id;

        public string Username { get; } = username;

        public string FullName { get; set; } = fullName;

        public string? Description { get; set; }

        public bool Enabled { get; set; } = true;

        public bool StandardAuth { get; set; } = true;

        /// <summary>Kept to let the user log in to the emulator; never answered.</summary>
        public string? Password { get; set; }

        public bool RequireNewPassword { get; set; }

        public bool PasswordModifiable { get; set; } = true;

        public string? Ldapdn { get; set; }

        public string? TrustId { get; set; }

        public string? DefaultEmail { get; set; }

        public DateTimeOffset Created { get; } = created;

        public DateTimeOffset Modified { get; set; } = created;

        public UserRecord Copy() => (UserRecord)MemberwiseClone();
    }

    private sealed class GroupRecord(string id, string name, string? description)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string? Description { get; } = description;

        public bool IsEveryone => Id.Equals(EveryoneId, StringComparison.OrdinalIgnoreCase);

        /// <summary>Direct members: users and groups (Everyone's are every user, not kept here).</summary>
        public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class RoleRecord(string id, string name, string? description, List<string> privileges)
    {
        public string Id { get; } = id;

        public string Name { get; } = name;

        public string? Description { get; } = description;

        public List<string> Privileges { get; } = privileges;

        /// <summary>The users and groups it is granted to, by project.</summary>
        public Dictionary<string, HashSet<string>> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
    }
}
