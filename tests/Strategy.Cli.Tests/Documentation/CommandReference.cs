using System.Text;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;

namespace Strategy.Cli.Tests.Documentation;

/// <summary>docs/reference/commands.md, written from the operation catalog: every operation of the spec and the command that calls it.</summary>
internal static class CommandReference
{
    public static string Write()
    {
        var page = new StringBuilder();
        page.Append("""
            # Command reference

            Every operation of the spec and the `strategy` command that calls it, written from the spec
            (`STRATEGY_UPDATE_DOCS=1` when running `CliDocumentationTests` writes it again; the test fails when it is
            out of date). A command marked *workflow* is written by hand ([the commands](../cli.md#commands)); every other is made from the
            operation: path parameters are its arguments, query and header parameters its options, a body
            is `--body` (JSON inline, `@file.json`, or `-` for standard input; a body with a password only from
            a file or standard input), and a call that changes something takes `--dry-run`
            ([how](../cli.md#commands-from-the-spec)).


            """);
        foreach (var group in StrategyOperations.All.OrderBy(o => o.Command, StringComparer.Ordinal).GroupBy(o => o.Command!.Split(' ')[0]))
        {
            page.Append("## ").Append(group.Key).Append("\n\n| Command | Operation | Does |\n| --- | --- | --- |\n");
            foreach (var operation in group)
            {
                page.Append("| `strategy ").Append(operation.Command).Append(Usage(operation)).Append("` | ")
                    .Append(operation.OperationId).Append(" (`").Append(operation.Method).Append(' ').Append(operation.PathTemplate).Append("`) | ")
                    .Append(operation.CommandIsHandWritten ? "*workflow* " : string.Empty)
                    .Append((operation.Summary ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }

            page.Append('\n');
        }

        return page.ToString().TrimEnd() + "\n";
    }

    /// <summary>The arguments and required options of a command made from its operation.</summary>
    private static string Usage(StrategyOperation operation)
    {
        if (operation.CommandIsHandWritten)
        {
            return string.Empty;
        }

        var parameters = operation.Parameters.Where(p => !p.IsProjectHeader).ToList();
        var words = parameters.Where(p => p.Location == "path").Select(p => " <" + OperationCommands.Kebab(p.Name) + ">")
            .Concat(parameters.Where(p => p.Location != "path" && p.Required).Select(p => " --" + OperationCommands.Kebab(p.Name) + " <value>"))
            .Concat(operation.HasRequestBody && operation.BodyRequired ? [" --body <json>"] : []);
        return string.Concat(words);
    }
}
