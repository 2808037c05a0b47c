using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Strategy.Cli.Infrastructure;

namespace Strategy.Cli.Tests;

/// <summary>What docs/cli.md says of the commands and exit codes is what the command does: the lists are the code's own.</summary>
public sealed partial class CliDocumentationTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(
        typeof(CliDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "docs", "cli.md"));

    [Test]
    public void The_command_table_is_every_command_with_its_own_description()
    {
        var options = new GlobalOptions();
        using var interruption = new CliInterruption(TextWriter.Null);
        var root = StrategyCli.Commands(new CommandRunner(options, new CliConsole { Out = TextWriter.Null, Error = TextWriter.Null }, interruption), options);

        var documented = CommandRow().Matches(Page).Select(m => (Command: m.Groups["command"].Value, Description: m.Groups["does"].Value.Trim()));

        Assert.That(documented, Is.EquivalentTo(Leaves(root, "strategy")));
    }

    [Test]
    public void The_exit_code_table_is_every_exit_code_the_command_has()
    {
        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (int)f.GetRawConstantValue()!);

        var documented = ExitCodeRow().Matches(Page).Select(m => int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.That(documented, Is.EquivalentTo(codes).And.Unique);
    }

    private static IEnumerable<(string Command, string Description)> Leaves(Command command, string path) =>
        command.Subcommands.Count == 0
            ? [(path, command.Description ?? string.Empty)]
            : command.Subcommands.Where(c => !c.Hidden).SelectMany(c => Leaves(c, path + " " + c.Name));

    [GeneratedRegex(@"^\| `(?<command>strategy[^`]*)` \| (?<does>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex CommandRow();

    [GeneratedRegex(@"^\| (?<code>\d+) \| .+ \|$", RegexOptions.Multiline)]
    private static partial Regex ExitCodeRow();
}
