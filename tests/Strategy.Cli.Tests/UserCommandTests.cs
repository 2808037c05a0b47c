using Newtonsoft.Json.Linq;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>
/// <c>strategy users apply</c> on the emulator: the plan before anything is sent, one line per person,
/// one-time passwords in a file only its owner can read (never on the terminal), a refused row named
/// with exit 1, a file that cannot be read named by row and column with exit 3 and nothing sent,
/// <c>--dry-run</c> and a second apply making no changing call.
/// </summary>
public sealed class UserCommandTests : CliTest
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => _folder = Directory.CreateTempSubdirectory("strategy-users-").FullName;

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Applying_a_list_prints_the_plan_and_a_line_per_person_and_keeps_passwords_in_a_private_file()
    {
        var list = Write("people.csv", "username,fullName,email,enabled,groups\nann,Ann Able,ann@example.com,true,System Administrators\nbob,Bob Bell,,true,No Such Group\ncid,,,false,\n");

        var (dryExit, dryOut, dryError) = await RunAsync("users", "apply", list, "--dry-run");
        var afterDryRun = Emulator.PeopleChangingCalls;
        var (exitCode, output, error) = await RunAsync("users", "apply", list);
        var secrets = Path.Combine(_folder, "people.passwords.csv");
        var passwords = File.ReadAllLines(secrets);
        var calls = Emulator.PeopleChangingCalls;
        var (againExit, againOut, _) = await RunAsync("users", "apply", list, "--json");

        Assert.Multiple(() =>
        {
            Assert.That((dryExit, afterDryRun), Is.EqualTo((1, 0)), dryError);
            Assert.That(dryOut, Does.Contain("refused  bob (people.csv row 3): the group 'No Such Group' does not exist"));
            Assert.That(dryError, Does.Contain("nothing was sent"));
            Assert.That(exitCode, Is.EqualTo(1), error);
            Assert.That(output, Does.Contain("ann: created (one-time password, +group System Administrators, email)"));
            Assert.That(output, Does.Contain("cid: created (one-time password, enabled: false)"));
            Assert.That(error, Does.Contain("error: bob: refused: the group 'No Such Group' does not exist"));
            Assert.That(passwords.Skip(1).Select(l => l.Split(',')[0]), Is.EquivalentTo(new[] { "ann", "cid" }));
            Assert.That(output + error, Does.Not.Contain(passwords[1].Split(',')[1]), "a password is never printed");
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(secrets), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            Assert.That(Emulator.FindUserByName("ann")!.RequireNewPassword, Is.True);
            Assert.That(againExit, Is.EqualTo(1), "bob is still refused");
            Assert.That(Emulator.PeopleChangingCalls, Is.EqualTo(calls), "applying the same list again makes no changing call");
            Assert.That(againOut.Split('\n').Where(l => l.StartsWith('{')).Select(l => (string)JObject.Parse(l)["outcome"]! ?? (string)JObject.Parse(l)["plan"]!), Does.Contain("unchanged"));
        });
    }

    [Test]
    public async Task A_file_that_cannot_be_read_names_its_row_and_column_exits_3_and_sends_nothing()
    {
        var typo = Write("typo.csv", "username,fulname\nann,Ann\n");
        var badValue = Write("bad.csv", "username,enabled\nann,true\nbob,maybe\n");

        var (typoExit, _, typoError) = await RunAsync("users", "apply", typo);
        var (badExit, _, badError) = await RunAsync("users", "apply", badValue);

        Assert.Multiple(() =>
        {
            Assert.That((typoExit, badExit), Is.EqualTo((3, 3)));
            Assert.That(typoError, Does.Contain("the column 'fulname' is not one of").And.Contain("did you mean 'fullName'?"));
            Assert.That(badError, Does.Contain("bad.csv row 3, column 'enabled': 'maybe' is not true or false"));
            Assert.That(Emulator.PeopleChangingCalls, Is.Zero);
        });
    }

    [Test]
    public async Task An_existing_password_file_is_never_overwritten_and_nothing_is_sent()
    {
        var list = Write("people.csv", "username\nnew.person\n");
        var secrets = Write("keep.csv", "precious");

        var (exitCode, _, error) = await RunAsync("users", "apply", list, "--passwords", secrets);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(3), error);
            Assert.That(error, Does.Contain("is never overwritten"));
            Assert.That(File.ReadAllText(secrets), Is.EqualTo("precious"));
            Assert.That(Emulator.PeopleChangingCalls, Is.Zero);
        });
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
