using System.Collections.Concurrent;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A list of a thousand people applied against the emulator: created with their groups and a one-time
/// password each, updated, disabled when missing from the managed group, a row with a group that does
/// not exist refused alone; applied again, it makes no changing call (the emulator counts them).
/// </summary>
public sealed class PeopleApplyTests : EmulatorTest
{
    private const string Staff = "Staff";
    private const string Sales = "Sales";

    [Test]
    public async Task A_thousand_people_are_applied_then_applying_again_changes_nothing()
    {
        var groups = Connection.CreateClient<UserGroupsClient>();
        await groups.CreateUserGroupAsync(new UserGroupCreateRequest { Name = Staff });
        await groups.CreateUserGroupAsync(new UserGroupCreateRequest { Name = Sales });
        var users = Connection.CreateClient<UsersClient>();
        var people = Enumerable.Range(0, 1000).Select(i => Person(i)).ToList();
        people[7] = people[7] with { Groups = [Staff, "No Such Group"] };
        var passwords = new ConcurrentDictionary<string, string>();
        var apply = new StrategyPeopleApplyOptions { OneTimePasswords = (user, password, _) => { passwords[user] = password; return Task.CompletedTask; } };

        var plan = await users.PlanAsync(people, new StrategyPeoplePlanOptions { ManagedGroup = Staff, PageSize = 100 });
        var before = Emulator.PeopleChangingCalls;
        var first = await users.ApplyAsync(plan, apply);

        Assert.Multiple(() =>
        {
            Assert.That((plan.Count(StrategyPersonAction.Create), plan.Count(StrategyPersonAction.Refused)), Is.EqualTo((999, 1)), plan.ToString);
            Assert.That(first.Failures.Select(f => f.ToString()), Is.EqualTo(new[] { "user0007: refused: the group 'No Such Group' does not exist" }));
            Assert.That(Emulator.PeopleChangingCalls - before, Is.EqualTo(plan.ChangingCalls), "one create per person, one address per email");
            Assert.That(passwords.Keys, Has.Count.EqualTo(999), "a one-time password for each person created");
            Assert.That(Emulator.FindUserByName("user0044")!.Memberships!.Select(m => m.Name), Is.EquivalentTo(new[] { "Everyone", Staff, Sales }));
            Assert.That(Emulator.FindUserByName("user0044")!.DefaultEmailAddress, Is.EqualTo("user0044@example.com"));
        });

        // The list changes: one leaves, one changes name and groups, one is disabled by the list.
        var next = people.Where(p => p.Username != "user0001").ToList();
        next[1] = next[1] with { FullName = "Renamed Person", Groups = [Staff] };
        next[2] = next[2] with { Enabled = false };
        var second = await users.PlanAsync(next, new StrategyPeoplePlanOptions { ManagedGroup = Staff, PageSize = 100 });
        var applied = await users.ApplyAsync(second, apply);

        Assert.Multiple(() =>
        {
            Assert.That(second.Changes.Where(c => c.Action is StrategyPersonAction.Update or StrategyPersonAction.Disable).Select(c => c.ToString()), Is.EquivalentTo(new[]
            {
                "update    user0002: fullName, -group Sales",
                "update    user0003: enabled: false",
                "disable   user0001: enabled: false",
            }));
            Assert.That(applied.Outcomes.Count(o => o.State == StrategyPersonOutcomeState.Done), Is.EqualTo(3));
            Assert.That(Emulator.FindUserByName("user0001")!.Enabled, Is.False, "disabled, never deleted");
            Assert.That(Emulator.FindUserByName("user0002")!.Memberships!.Select(m => m.Name), Is.EquivalentTo(new[] { "Everyone", Staff }));
        });

        var calls = Emulator.PeopleChangingCalls;
        var again = await users.ApplyAsync(await users.PlanAsync(next, new StrategyPeoplePlanOptions { ManagedGroup = Staff, PageSize = 100 }), apply);

        Assert.Multiple(() =>
        {
            Assert.That(Emulator.PeopleChangingCalls, Is.EqualTo(calls), "applying the same list again makes no changing call");
            Assert.That(again.Outcomes.Count(o => o.State == StrategyPersonOutcomeState.Unchanged), Is.EqualTo(998 + 1), "every person but the refused one, and the one already disabled");
            Assert.That(again.Failures.Count(), Is.EqualTo(1), "the refused row is refused again");
        });
    }

    [Test]
    public async Task The_caller_is_never_disabled_and_a_new_ldap_person_gets_no_password()
    {
        var groups = Connection.CreateClient<UserGroupsClient>();
        var managed = await groups.CreateUserGroupAsync(new UserGroupCreateRequest { Name = Staff, Members = [Seeds.AdministratorId] });
        var users = Connection.CreateClient<UsersClient>();

        var plan = await users.PlanAsync([new StrategyPerson { Username = "ldap.person", LdapDn = "cn=ldap.person,dc=example,dc=com" }], new StrategyPeoplePlanOptions { ManagedGroup = Staff });
        var applied = await users.ApplyAsync(plan);

        Assert.Multiple(() =>
        {
            Assert.That(managed.Id, Is.Not.Empty);
            Assert.That(plan.Changes.Select(c => c.ToString()), Is.EqualTo(new[]
            {
                "create    ldap.person: LDAP",
                "refused  administrator (a member of Staff not in the list): is the user this plan runs as; a plan never disables its caller",
            }));
            Assert.That(applied.Outcomes[0].State, Is.EqualTo(StrategyPersonOutcomeState.Done), "no OneTimePasswords needed: an LDAP person has no Strategy password");
            Assert.That(Emulator.FindUserByName("ldap.person")!.StandardAuth, Is.False);
            Assert.That(Emulator.FindUserByName("administrator")!.Enabled, Is.True);
        });
    }

    [Test]
    public async Task A_person_with_a_strategy_password_is_not_created_without_a_place_for_it()
    {
        var users = Connection.CreateClient<UsersClient>();
        var plan = await users.PlanAsync([new StrategyPerson { Username = "new.person" }]);
        var calls = Emulator.PeopleChangingCalls;

        var refused = Assert.ThrowsAsync<ArgumentException>(() => users.ApplyAsync(plan));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("OneTimePasswords"));
            Assert.That(Emulator.PeopleChangingCalls, Is.EqualTo(calls), "nothing was sent");
        });
    }

    [Test]
    public async Task Security_roles_are_granted_and_revoked_one_call_per_role_for_everyone()
    {
        var users = Connection.CreateClient<UsersClient>();
        var roles = Connection.CreateClient<SecurityRolesClient>();
        var apply = new StrategyPeopleApplyOptions { OneTimePasswords = (_, _, _) => Task.CompletedTask };
        List<StrategyPerson> people =
        [
            new() { Username = "role.one", SecurityRoles = ["Normal Users"] },
            new() { Username = "role.two", SecurityRoles = ["Normal Users"] },
            new() { Username = "role.three", SecurityRoles = ["Power Users"] },
        ];
        var before = Emulator.PeopleChangingCalls;

        var first = await users.ApplyAsync(await users.PlanAsync(people), apply);
        var afterFirst = Emulator.PeopleChangingCalls;
        people[0] = people[0] with { SecurityRoles = ["Power Users"] };
        var secondPlan = await users.PlanAsync(people);
        var second = await users.ApplyAsync(secondPlan, apply);
        var afterSecond = Emulator.PeopleChangingCalls;
        var third = await users.ApplyAsync(await users.PlanAsync(people), apply);
        var normal = (await roles.ListSecurityRoleMembersAsync("73F7482111D3596C60001B8F67019608", Seeds.ProjectId)).Select(m => m.Name);
        var power = (await roles.ListSecurityRoleMembersAsync("73F7482211D3596C60001B8F67019608", Seeds.ProjectId)).Select(m => m.Name);

        Assert.Multiple(() =>
        {
            Assert.That(first.Outcomes.Select(o => o.ToString()), Is.EquivalentTo(new[]
            {
                "role.one: created (one-time password, +role Normal Users)",
                "role.two: created (one-time password, +role Normal Users)",
                "role.three: created (one-time password, +role Power Users)",
            }));
            Assert.That(afterFirst - before, Is.EqualTo(3 + 2), "three creates, one grant per role");
            Assert.That(secondPlan.Changes[0].ToString(), Is.EqualTo("update    role.one: +role Power Users, -role Normal Users"));
            Assert.That(second.Succeeded, Is.True, second.ToString);
            Assert.That(afterSecond - afterFirst, Is.EqualTo(2), "one grant, one revoke");
            Assert.That(normal, Is.EquivalentTo(new[] { "role.two" }));
            Assert.That(power, Is.EquivalentTo(new[] { "role.one", "role.three" }));
            Assert.That(Emulator.PeopleChangingCalls, Is.EqualTo(afterSecond), "the same list again changes nothing");
            Assert.That(third.Outcomes.Select(o => o.State), Is.All.EqualTo(StrategyPersonOutcomeState.Unchanged));
        });
    }

    private static StrategyPerson Person(int i) => new()
    {
        Username = $"user{i:0000}",
        FullName = $"Person {i}",
        Email = i % 2 == 0 ? $"user{i:0000}@example.com" : null,
        Enabled = true,
        Groups = i % 3 == 0 ? [Staff] : [Staff, Sales],
        Source = $"row {i + 2}",
    };
}
