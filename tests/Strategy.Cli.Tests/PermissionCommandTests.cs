using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy roles grant|revoke</c> and <c>strategy acl grant|revoke</c> on the emulator: trustees by
/// name or id, a line per trustee read from the server's answer, a name that matches nothing refused with
/// exit 3 before anything changes, and a revoke of an entry that does not exist said as such.
/// </summary>
public sealed class PermissionCommandTests : CliTest
{
    private const string NormalUsers = "Normal Users";

    [Test]
    public async Task A_role_is_granted_and_revoked_in_the_project_each_trustee_as_the_answer_shows()
    {
        var (grantExit, granted, grantError) = await RunAsync("roles", "grant", NormalUsers, "--to", "analyst", "System Administrators");
        var (listExit, members, _) = await RunAsync("roles", "members", "73F7482111D3596C60001B8F67019608", Seeds.ProjectId, "--json");
        var (revokeExit, revoked, revokeError) = await RunAsync("roles", "revoke", NormalUsers, "--to", "analyst");

        Assert.Multiple(() =>
        {
            Assert.That(grantExit, Is.EqualTo(0), grantError);
            Assert.That(granted, Does.Contain("Analyst (A11A1A11A1A14A1AA1A1A1A1A1A1A1A1): has Normal Users in the project"));
            Assert.That(granted, Does.Contain("System Administrators (5F3FAFE111D2D8CC6000CC8E67019608): has Normal Users in the project"));
            Assert.That(listExit, Is.EqualTo(0));
            Assert.That(members, Does.Contain("A11A1A11A1A14A1AA1A1A1A1A1A1A1A1"));
            Assert.That(revokeExit, Is.EqualTo(0), revokeError);
            Assert.That(revoked, Does.Contain("(A11A1A11A1A14A1AA1A1A1A1A1A1A1A1): does not have Normal Users in the project"));
        });
    }

    [Test]
    public async Task A_trustee_name_that_matches_nobody_is_refused_before_anything_changes()
    {
        var (exitCode, _, error) = await RunAsync("roles", "grant", NormalUsers, "--to", "analyst", "nobody.here");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(3));
            Assert.That(error, Does.Contain("no user or group is named 'nobody.here'; nothing was changed"));
            Assert.That(Emulator.PeopleChangingCalls, Is.Zero);
        });
    }

    [Test]
    public async Task Rights_on_an_object_are_granted_then_revoked_and_a_missing_entry_is_said()
    {
        var (grantExit, granted, grantError) = await RunAsync("acl", "grant", Seeds.ProjectId, "--type", "32", "--to", "analyst", "--rights", "browse,read");
        var (revokeExit, revoked, revokeError) = await RunAsync("acl", "revoke", Seeds.ProjectId, "--type", "32", "--to", "analyst", "--rights", "read");
        var (noneExit, none, noneError) = await RunAsync("acl", "revoke", Seeds.ProjectId, "--type", "32", "--to", "Everyone", "--rights", "write");
        var (badExit, _, badError) = await RunAsync("acl", "grant", Seeds.ProjectId, "--type", "32", "--to", "analyst", "--rights", "raed");

        Assert.Multiple(() =>
        {
            Assert.That(grantExit, Is.EqualTo(0), grantError);
            Assert.That(granted, Does.Contain("Analyst (A11A1A11A1A14A1AA1A1A1A1A1A1A1A1): has Browse, Read"));
            Assert.That(revokeExit, Is.EqualTo(0), revokeError);
            Assert.That(revoked, Does.Contain("has Browse"));
            Assert.That(noneExit, Is.EqualTo(0), noneError);
            Assert.That(none, Does.Contain("had no entry: nothing to revoke (Removal failed! No user with such permission exists!)"));
            Assert.That(badExit, Is.EqualTo(3));
            Assert.That(badError, Does.Contain("'raed' is not a right"));
        });
    }
}
