namespace Strategy.PowerShell.Tests;

/// <summary>
/// Sync-StrategyUser in PowerShell against an emulator process: Import-Csv's rows applied like a plan,
/// an outcome object per person and a non-terminating error per refused or failed one, one-time passwords
/// in an owner-only file, nothing sent on -WhatIf or without a place for the passwords, and the same
/// list again making no changing call.
/// </summary>
public sealed class PeopleCmdletTests : ServerFixture
{
    private string _folder = null!;

    [SetUp]
    public void ConnectFirst()
    {
        Shell.Connect().Succeeded();
        _folder = Directory.CreateTempSubdirectory("strategy-ps-people-").FullName;
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Rows_from_Import_Csv_are_applied_with_an_object_per_person_and_an_error_per_refused_one()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var list = Write("people.csv", $"username,fullName,email,enabled,groups\nann{suffix},Ann Able,ann@example.com,true,System Administrators\nbob{suffix},Bob Bell,,true,No Such Group\n");
        var secrets = Path.Combine(_folder, "passwords.csv");
        var start = (await Emulator.StateAsync()).PeopleChangingCalls;

        var whatIf = Shell.Run("Import-Csv $List | Sync-StrategyUser -WhatIf", ("List", list));
        var afterWhatIf = (await Emulator.StateAsync()).PeopleChangingCalls;
        var applied = Shell.Run("Import-Csv $List | Sync-StrategyUser -PasswordPath $Secrets", ("List", list), ("Secrets", secrets));
        var afterApply = (await Emulator.StateAsync()).PeopleChangingCalls;
        var again = Shell.Run("Import-Csv $List | Sync-StrategyUser -PasswordPath $Secrets", ("List", list), ("Secrets", Path.Combine(_folder, "again.csv")));
        var afterAgain = (await Emulator.StateAsync()).PeopleChangingCalls;

        Assert.Multiple(() =>
        {
            Assert.That(afterWhatIf, Is.EqualTo(start), "-WhatIf sends nothing");
            Assert.That(whatIf.Output, Is.Empty);
            Assert.That(applied.Output.Select(o => (o.Properties["Username"].Value?.ToString(), o.Properties["State"].Value?.ToString())), Is.EqualTo(new[] { ("ann" + suffix, "Done") }));
            Assert.That(applied.Errors.Select(e => (e.FullyQualifiedErrorId.Split(',')[0], e.Exception.Message)), Is.EqualTo(new[] { ("PersonRefused", $"bob{suffix} (input 2): the group 'No Such Group' does not exist") }));
            Assert.That(afterApply - afterWhatIf, Is.EqualTo(2), "one create with its group, one email address");
            Assert.That(File.ReadAllLines(secrets).Skip(1).Single(), Does.StartWith($"ann{suffix},"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(secrets), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            Assert.That(again.Output.Select(o => o.Properties["State"].Value?.ToString()), Is.EqualTo(new[] { "Unchanged" }));
            Assert.That(afterAgain, Is.EqualTo(afterApply), "the same list again makes no changing call");
            Assert.That(File.Exists(Path.Combine(_folder, "again.csv")), Is.False, "no password, no file");
        });
    }

    [Test]
    public async Task Without_a_place_for_passwords_nothing_is_sent()
    {
        var list = Write("people.csv", $"username\nnew{Guid.NewGuid():N}\n");
        var start = (await Emulator.StateAsync()).PeopleChangingCalls;

        var result = Shell.Run("Import-Csv $List | Sync-StrategyUser", ("List", list));
        var after = (await Emulator.StateAsync()).PeopleChangingCalls;

        Assert.Multiple(() =>
        {
            Assert.That(result.Error.FullyQualifiedErrorId, Does.StartWith("PasswordPathRequired"));
            Assert.That(after, Is.EqualTo(start));
        });
    }

    [Test]
    public void A_row_with_an_unknown_column_stops_before_anything_is_sent()
    {
        var list = Write("typo.csv", "username,fulname\nann,Ann\n");

        var result = Shell.Run("Import-Csv $List | Sync-StrategyUser", ("List", list));

        Assert.That(result.Error.Exception.Message, Does.Contain("the column 'fulname' is not one of").And.Contain("did you mean 'fullName'?"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
