using System.CommandLine;
using System.Reflection;
using System.Text.RegularExpressions;
using Strategy.Cli.Infrastructure;
using Strategy.Cli.Tests.Documentation;

namespace Strategy.Cli.Tests;

/// <summary>What docs/cli.md says of the commands and exit codes is what the command does: the lists are the code's own.</summary>
public sealed partial class CliDocumentationTests
{
    private static readonly string RepoRoot = typeof(CliDocumentationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    private static readonly string Page = File.ReadAllText(Path.Combine(RepoRoot, "docs", "cli.md"));

    [Test]
    public void The_command_table_is_every_command_with_its_own_description()
    {
        var options = new GlobalOptions();
        using var interruption = new CliInterruption(TextWriter.Null);
        var root = StrategyCli.Commands(new CommandRunner(options, new CliConsole { Out = TextWriter.Null, Error = TextWriter.Null }, interruption), options);

        var documented = CommandRow().Matches(Page).Select(m => (Command: m.Groups["command"].Value, Description: m.Groups["does"].Value.Trim()));
        var generated = OperationCommands.Generated.Select(o => "strategy " + o.Command).ToHashSet(StringComparer.Ordinal);

        // The commands made from the spec are on their reference page, written from the spec (below).
        Assert.That(documented, Is.EquivalentTo(Leaves(root, "strategy").Where(l => !generated.Contains(l.Command))));
    }

    [Test]
    public void The_command_reference_is_written_from_the_spec()
    {
        var path = Path.Combine(RepoRoot, "docs", "reference", "commands.md");
        var written = CommandReference.Write();
        if (Environment.GetEnvironmentVariable("STRATEGY_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, written);
        }

        Assert.That(File.Exists(path) ? File.ReadAllText(path) : string.Empty, Is.EqualTo(written), "docs/reference/commands.md is out of date: run the CLI tests with STRATEGY_UPDATE_DOCS=1 and review the diff.");
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
