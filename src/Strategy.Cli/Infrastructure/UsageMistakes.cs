using System.CommandLine;
using System.CommandLine.Parsing;
using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// The mistakes of a command line that the parser lets through or words badly: a mistyped option
/// taken as an id by a command that takes many (<c>cubes refresh X --nowait</c> would publish a cube
/// named <c>--nowait</c>), and a mistyped command or option, each with the nearest name it may mean.
/// </summary>
internal static class UsageMistakes
{
    /// <summary>
    /// One line per mistake, or none. A token after <c>--</c> is an argument whatever it looks like;
    /// any other argument that starts with <c>-</c> is an option this command does not have.
    /// </summary>
    public static IReadOnlyList<string> Of(ParseResult parseResult)
    {
        var afterDoubleDash = new HashSet<Token>(parseResult.Tokens.SkipWhile(t => t.Type != TokenType.DoubleDash).Skip(1));
        var command = parseResult.CommandResult.Command;
        var path = Path(parseResult.CommandResult);
        var mistakes = new List<string>();

        foreach (var argument in parseResult.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens.Where(t => !afterDoubleDash.Contains(t) && LooksLikeOption(t.Value)))
            {
                mistakes.Add(UnknownOption(token.Value, path, parseResult.CommandResult));
            }
        }

        string? previous = null;
        foreach (var token in parseResult.UnmatchedTokens)
        {
            // The value after an unknown option whose name says secret (--password, --body-password) is never repeated: stderr reaches logs.
            var secretOption = previous is not null && LooksLikeOption(previous) && StrategyOperationRequest.IsSecret(previous.TrimStart('-')) ? previous : null;
            previous = token;
            if (LooksLikeOption(token))
            {
                mistakes.Add(UnknownOption(token, path, parseResult.CommandResult));
            }
            else if (secretOption is not null)
            {
                mistakes.Add($"The value after {secretOption} is not shown: a secret is never taken on the command line.");
            }
            else if (command.Subcommands.Count > 0)
            {
                var names = command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList();
                mistakes.Add($"'{token}' is not a command of '{path}'{Suggest(token, names)}. Its commands: {string.Join(", ", names)}.");

                // The rest of the line belonged to the command that was meant.
                break;
            }
            else
            {
                mistakes.Add($"'{token}' is not an argument of '{path}'.");
            }
        }

        return mistakes;
    }

    /// <summary>The nearest of <paramref name="names"/> to <paramref name="typed"/> as "; did you mean '…'?", or nothing when none is near.</summary>
    internal static string Suggest(string typed, IEnumerable<string> names)
    {
        var best = names
            .Select(name => (Name: name, Distance: Distance(typed.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, c.Name.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Name is null ? string.Empty : $"; did you mean '{best.Name}'?";
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    private static string UnknownOption(string token, string path, CommandResult command)
    {
        // Only the option's name: what follows '=' is its value, which may be a secret.
        var name = token.Split('=', 2)[0];
        var suggestion = Suggest(name, OptionNames(command));
        return $"'{name}' is not an option of '{path}'" + (suggestion.Length > 0 ? suggestion : ".");
    }

    /// <summary>The options the command takes: its own, and the recursive ones of the commands above it.</summary>
    private static IEnumerable<string> OptionNames(CommandResult command)
    {
        var names = command.Command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
        for (var parent = command.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            names.AddRange(parent.Command.Options.Where(o => o.Recursive && !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)));
        }

        return names.Distinct(StringComparer.Ordinal);
    }

    private static string Path(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            names.Add(c.Parent is null ? "strategy" : c.Command.Name);
        }

        names.Reverse();
        return string.Join(" ", names);
    }

    /// <summary>The edit distance (insertions, deletions, substitutions, and two neighbours swapped) between two words.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
