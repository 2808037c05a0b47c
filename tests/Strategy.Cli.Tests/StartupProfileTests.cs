using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>The startup profile (multi-core JIT): which profile a command uses, where it is kept, and a real process that writes and reads one.</summary>
public sealed class StartupProfileTests
{
    [TestCase(new[] { "schedules", "list" }, "schedules-list")]
    [TestCase(new[] { "cubes", "refresh", "8D679D4B11D3E4981000E787EC6DE8A4", "--no-wait" }, "cubes-refresh")]
    [TestCase(new[] { "wait", "v1.eyJ2IjoxfQ" }, "wait")]
    [TestCase(new[] { "reports", "export", "abc", "-o", "-" }, "reports-export")]
    [TestCase(new[] { "--version" }, "strategy")]
    [TestCase(new string[0], "strategy")]
    [TestCase(new[] { "Schedules", "list" }, "strategy")]
    [TestCase(new[] { "cubes", "refesh", "8D679D4B11D3E4981000E787EC6DE8A4" }, null)]
    [TestCase(new[] { "cubez", "list" }, null)]
    public void A_profile_is_named_after_the_command_words_never_its_ids_tokens_or_mistyped_names(string[] args, string? expected) =>
        Assert.That(StartupProfile.Name(args), Is.EqualTo(expected));

    [Test]
    public void Every_command_has_a_profile_name_and_no_name_is_left_over()
    {
        var options = new GlobalOptions();
        using var interruption = new CliInterruption(TextWriter.Null);
        var root = StrategyCli.Commands(new CommandRunner(options, new CliConsole { Out = TextWriter.Null, Error = TextWriter.Null }, interruption), options);

        static IEnumerable<string> Leaves(System.CommandLine.Command command, string path) =>
            command.Subcommands.Count == 0 ? [path] : command.Subcommands.SelectMany(c => Leaves(c, path.Length == 0 ? c.Name : path + "-" + c.Name));

        Assert.That(StartupProfile.Commands, Is.EquivalentTo(Leaves(root, string.Empty)));
    }

    [Test]
    [Platform("Linux,MacOsX")]
    public void The_profiles_live_in_the_cache_folder_and_STRATEGY_STARTUP_PROFILE_off_turns_them_off()
    {
        string? Folder(params (string Name, string Value)[] variables) =>
            StartupProfile.Folder(name => variables.FirstOrDefault(v => v.Name == name).Value);

        Assert.Multiple(() =>
        {
            Assert.That(Folder(("XDG_CACHE_HOME", "/var/cache/ops"), ("HOME", "/home/ops")), Is.EqualTo("/var/cache/ops/strategy/startup"));
            Assert.That(Folder(("HOME", "/home/ops")), Is.EqualTo("/home/ops/.cache/strategy/startup"));
            Assert.That(Folder(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/ops")), Is.EqualTo("/home/ops/.cache/strategy/startup"), "a relative XDG_CACHE_HOME is ignored");
            Assert.That(Folder(), Is.Null, "no home, no profile");
            Assert.That(Folder(("STRATEGY_STARTUP_PROFILE", "OFF"), ("HOME", "/home/ops")), Is.Null);
        });
    }

    [Test]
    [NonParallelizable]
    [Platform("Linux,MacOsX")]
    public async Task A_command_writes_its_profile_and_the_next_run_with_it_answers_the_same()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
        var cache = Directory.CreateTempSubdirectory("strategy-profile-").FullName;
        try
        {
            var outputs = new List<string>();
            for (var run = 0; run < 2; run++)
            {
                using var cli = CliProcess.StartWith(Environment(emulator, ("XDG_CACHE_HOME", cache)), "schedules", "list");
                Assert.That(await cli.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, cli.Error);
                outputs.Add(cli.Output);
            }

            using (var off = CliProcess.StartWith(Environment(emulator, ("XDG_CACHE_HOME", Path.Combine(cache, "off")), ("STRATEGY_STARTUP_PROFILE", "off")), "schedules", "list"))
            {
                Assert.That(await off.WaitForExitAsync(TimeSpan.FromSeconds(60)), Is.Zero, off.Error);
            }

            var profile = new FileInfo(Path.Combine(cache, "strategy", "startup", "schedules-list.jitprofile"));
            Assert.Multiple(() =>
            {
                Assert.That(profile.Exists && profile.Length > 0, Is.True, "the profile was written");
                Assert.That(outputs[1], Is.EqualTo(outputs[0]).And.Contain(Seeds.AllTheTimeScheduleId), "the run with the profile answers the same");
                Assert.That(Directory.Exists(Path.Combine(cache, "off", "strategy")), Is.False, "turned off: nothing written");
            });
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static Dictionary<string, string?> Environment(StrategyEmulator emulator, params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string?>
        {
            ["STRATEGY_PASSWORD"] = string.Empty,
            ["STRATEGY_BASE_URL"] = emulator.BaseUrl.ToString(),
            ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId,
        };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return environment;
    }
}
