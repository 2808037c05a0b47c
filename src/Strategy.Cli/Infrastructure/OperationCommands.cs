using System.CommandLine;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Generated;
using Strategy.Generated.Http;
using Strategy.Shared;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// A command for every operation of the spec that no hand-written command reaches, made from the
/// operation catalog (<see cref="StrategyOperations.All"/>: the spec's names, summaries, parameters and
/// values) and run by one runner: path parameters are arguments, query and header parameters options,
/// a body is JSON (<c>--body</c>: inline, <c>@file</c> or <c>-</c> for standard input); a call that changes
/// something can be shown instead of sent (<c>--dry-run</c>). Failures, time limits, interrupts and
/// exit codes are the hand-written commands' own (<see cref="CommandRunner"/>).
/// </summary>
internal static class OperationCommands
{
    /// <summary>The options every command already has: a parameter of the same name gets <c>--param-</c> before its own.</summary>
    private static readonly HashSet<string> Taken = new(StringComparer.Ordinal)
    {
        "--base-url", "--ca-certificate", "--emulator", "--login-mode", "--username", "--project", "--timeout", "--poll-interval",
        "--cleanup-timeout", "--json", "--verbose", "--trace", "--body", "--dry-run", "--help",
    };

    /// <summary>The operations that get a command here: every one whose command is not written by hand.</summary>
    public static IEnumerable<StrategyOperation> Generated =>
        StrategyOperations.All.Where(o => o.Command is not null && !o.CommandIsHandWritten);

    /// <summary>
    /// Adds the commands of the spec's operations to <paramref name="root"/>: into a hand-written group of
    /// the same name, or a group of their own. A group's commands are made only when the command line
    /// names the group and none of its hand-written commands (<paramref name="words"/>), so a one-shot
    /// command reads no operation it does not call; every group's when it is <see langword="null"/>.
    /// </summary>
    public static void AddTo(RootCommand root, CommandRunner runner, IReadOnlyCollection<string>? words)
    {
        foreach (var name in StrategyOperations.CommandGroups)
        {
            var group = root.Subcommands.FirstOrDefault(c => c.Name == name);
            var handWritten = group?.Subcommands.Select(c => c.Name).ToList() ?? [];
            if (group is null)
            {
                group = new Command(name, $"Call the {name} operations of the REST API, one command each.");
                root.Subcommands.Add(group);
            }

            if (words is null || (words.Contains(name) && !handWritten.Any(words.Contains)))
            {
                foreach (var operation in Generated.Where(o => o.Command!.Split(' ')[0] == name))
                {
                    group.Subcommands.Add(Create(operation, runner));
                }
            }
        }
    }

    /// <summary>The command of one operation.</summary>
    public static Command Create(StrategyOperation operation, CommandRunner runner)
    {
        var verb = operation.Command!.Split(' ')[1];
        var command = new Command(verb, (operation.Summary ?? operation.OperationId) + $" ({operation.Method} {operation.PathTemplate})");
        var values = new List<(StrategyOperationParameter Parameter, Func<ParseResult, IReadOnlyList<string>> Read)>();
        foreach (var parameter in operation.Parameters.Where(p => !p.IsProjectHeader))
        {
            if (parameter.Location == "path")
            {
                var argument = new Argument<string>(Kebab(parameter.Name)) { Description = Describe(parameter) };
                if (parameter.AllowedValues.Count > 0)
                {
                    argument.AcceptOnlyFromAmong([.. parameter.AllowedValues]);
                }

                command.Arguments.Add(argument);
                values.Add((parameter, r => [r.GetValue(argument)!]));
                continue;
            }

            var name = "--" + Kebab(parameter.Name);
            if (Taken.Contains(name))
            {
                name = "--param-" + Kebab(parameter.Name);
            }

            if (parameter.Type == "array")
            {
                var many = new Option<string[]>(name) { Description = parameter.Description, Required = parameter.Required, AllowMultipleArgumentsPerToken = false };
                command.Options.Add(many);
                values.Add((parameter, r => r.GetValue(many) ?? []));
            }
            else
            {
                var one = new Option<string?>(name)
                {
                    Description = operation.Pages?.Limit == parameter.Name ? "How many items to read in all, over as many pages as it takes; every one when not given."
                        : operation.Pages?.Offset == parameter.Name ? "How many items to skip before the first one read."
                        : Describe(parameter),
                    Required = parameter.Required,
                };
                if (parameter.AllowedValues.Count > 0)
                {
                    one.AcceptOnlyFromAmong([.. parameter.AllowedValues]);
                }

                command.Options.Add(one);
                values.Add((parameter, r => r.GetValue(one) is { } value ? [value] : []));
            }
        }

        Option<string?>? body = null;
        var fields = new List<(StrategyOperationBodyField Field, string Name, Func<ParseResult, string[]?> Read)>();
        if (operation.HasRequestBody)
        {
            var secrets = operation.BodyFields.Where(f => f.IsSecret).Select(f => f.Name).ToList();
            body = new Option<string?>("--body")
            {
                Description = "The request body, JSON: inline, @file.json, or - to read it from standard input; the options below set its fields on top of it."
                    + (secrets.Count == 0 ? string.Empty : " " + string.Join(", ", secrets) + " only this way (@file or -), never on the command line."),
            };
            command.Options.Add(body);
            foreach (var field in operation.BodyFields.Where(f => !f.IsSecret))
            {
                // The body's simple fields as options; a secret is never one (the shell's history and the process list keep command lines).
                var name = "--" + Kebab(field.Name);
                if (Taken.Contains(name) || command.Options.Any(o => o.Name == name))
                {
                    name = "--body-" + Kebab(field.Name);
                }

                var description = (field.Description + (field.AllowedValues.Count == 0 ? string.Empty : " One of: " + string.Join(", ", field.AllowedValues) + ".") + (field.IsArray ? " Once per value." : string.Empty) + (field.Required ? " Required unless --body has it." : string.Empty)).Trim();
                if (field.IsArray)
                {
                    var many = new Option<string[]>(name) { Description = description, AllowMultipleArgumentsPerToken = false };
                    Accept(many, field.AllowedValues);
                    command.Options.Add(many);
                    fields.Add((field, name, r => r.GetResult(many) is null ? null : r.GetValue(many)));
                }
                else
                {
                    var one = new Option<string?>(name) { Description = description };
                    Accept(one, field.AllowedValues);
                    command.Options.Add(one);
                    fields.Add((field, name, r => r.GetValue(one) is { } value ? [value] : null));
                }
            }
        }

        var changes = operation.Method is not ("GET" or "HEAD");
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the request that would be sent (secrets masked) and send nothing." };
        if (changes)
        {
            command.Options.Add(dryRun);
        }

        StrategyOperationRequest Request(ParseResult parseResult)
        {
            try
            {
                return new(
                    operation,
                    values.ToDictionary(v => v.Parameter.Name, v => v.Read(parseResult), StringComparer.Ordinal),
                    body is null ? null : ReadBody(parseResult.GetValue(body), runner.Console),
                    fields.ToDictionary(f => f.Field.Name, f => (IReadOnlyList<string>)(f.Read(parseResult) ?? []), StringComparer.Ordinal));
            }
            catch (StrategyOperationArgumentException ex) when (ex.ParamName == "body" || fields.Any(f => f.Field.Name == ex.ParamName))
            {
                // The library names the spec's field; the user typed an option.
                var required = fields.Where(f => f.Field.Required).Select(f => f.Name).ToList();
                throw new ArgumentException(ex.ParamName == "body"
                    ? UserMessages.Of(ex) + (required.Count == 0 ? string.Empty : $" Give --body, or {string.Join(", ", required)}.")
                    : fields.First(f => f.Field.Name == ex.ParamName).Name + ": " + UserMessages.Of(ex), ex);
            }
        }

        runner.SetAction(
            command,
            async (parseResult, session, cancellationToken) =>
            {
                var request = Request(parseResult);
                if (operation.Pages is not null)
                {
                    // Every page, read until one comes back empty or short or --limit items are read: a list that shrinks meanwhile ends.
                    var items = new JArray();
                    await foreach (var item in request.ReadPagesAsync(session.Connection.HttpClient, session.ProjectId, cancellationToken: cancellationToken))
                    {
                        items.Add(item);
                    }

                    Print(session, operation, new StrategyOperationAnswer(200, items, new Dictionary<string, IReadOnlyList<string>>()));
                    return ExitCodes.Success;
                }

                var answer = await request.SendAsync(session.Connection.HttpClient, session.ProjectId, cancellationToken);
                Print(session, operation, answer);
                if (answer.Status == 207)
                {
                    // Multi-status: the server did part of the work; each item's status is in what was printed. Never a plain success.
                    session.Console.Error.WriteLine($"error: {operation.OperationId} answered 207 (Multi-Status): the server did part of it; each item's status is above.");
                    return ExitCodes.ServerFailure;
                }

                if (answer.Status >= 400)
                {
                    // An error the spec says still carries the result (a bulk call's 403): every item's outcome was printed.
                    session.Console.Error.WriteLine($"error: {operation.OperationId} answered {answer.Status}: the server did none of it, or was not allowed to; each item's status is above.");
                    return ExitCodes.ServerFailure;
                }

                return ExitCodes.Success;
            },
            withoutSession: parseResult =>
            {
                // Checked before any login: a mistake costs no session, and a dry run sends nothing at all.
                var request = Request(parseResult);
                if (!changes || !parseResult.GetValue(dryRun))
                {
                    return null;
                }

                runner.Console.Out.WriteLine("Would send (nothing was sent):");
                runner.Console.Out.WriteLine(request.ToString());
                return ExitCodes.Success;
            });
        return command;
    }

    /// <summary>The option's help: the spec's description, and its values when the spec lists them.</summary>
    private static string? Describe(StrategyOperationParameter parameter) =>
        parameter.AllowedValues.Count == 0 ? parameter.Description : (parameter.Description + " One of: " + string.Join(", ", parameter.AllowedValues) + ".").TrimStart();

    /// <summary>Checks an option against the spec's closed list of values, when it has one (tab completion offers them).</summary>
    private static void Accept<T>(Option<T> option, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            option.AcceptOnlyFromAmong([.. values]);
        }
    }

    /// <summary>The body as given: inline JSON, <c>@path</c> for a file's, <c>-</c> for standard input's.</summary>
    private static string? ReadBody(string? given, CliConsole console)
    {
        if (given is null)
        {
            return null;
        }

        if (given == "-")
        {
            return console.OpenStandardInput().ReadToEnd();
        }

        if (given.StartsWith('@'))
        {
            var path = given[1..];
            return File.Exists(path) ? File.ReadAllText(path) : throw new ArgumentException($"--body {given}: there is no file {path}. Nothing was sent.");
        }

        // A secret typed on a command line stays in the shell's history and the process list.
        return StrategyOperationRequest.CarriesSecret(given)
            ? throw new ArgumentException("--body holds a secret (a password, token or key): give the body from a file (--body @file.json) or from standard input (--body -), not on the command line. Nothing was sent.")
            : given;
    }

    /// <summary>Prints an answer: JSON with --json; else a list as a table, an object as its fields.</summary>
    private static void Print(CliSession session, StrategyOperation operation, StrategyOperationAnswer answer)
    {
        var output = session.Console.Out;
        if (session.Json)
        {
            output.WriteLine(answer.Json?.ToString(Newtonsoft.Json.Formatting.Indented) ?? "null");
            return;
        }

        switch (answer.Json)
        {
            case null:
                output.WriteLine($"{operation.Command}: done (HTTP {answer.Status}, no body).");
                break;
            case JArray items:
                PrintTable(output, items, operation.Pages?.KeyedBy, operation.Columns);
                break;
            case JObject item when StrategyOperationAnswer.ListIn(item) is { Count: > 0 } list:
                // A page: its one list as a table, and the rest (a total count) as fields.
                PrintTable(output, list, null, operation.Columns);
                foreach (var field in item.Properties().Where(p => p.Value is not JArray && p.Value is JValue))
                {
                    output.WriteLine($"{field.Name}: {Shown(field.Value)}");
                }

                break;
            case JObject item:
                foreach (var field in item.Properties())
                {
                    output.WriteLine($"{field.Name}: {Shown(field.Value)}");
                }

                break;
            default:
                output.WriteLine(Shown(answer.Json));
                break;
        }
    }

    /// <summary>
    /// Items as rows: the columns the spec marks (<c>x-strategy-columns</c>), or else the key the items
    /// are listed by, the id and the name first and whole (a command that acts on an item takes them),
    /// then up to four more fields that hold values, cut.
    /// </summary>
    private static void PrintTable(TextWriter output, JArray items, string? keyedBy, IReadOnlyList<string>? marked)
    {
        if (items.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }

        var objects = items.OfType<JObject>().ToList();
        if (objects.Count == 0)
        {
            foreach (var value in items)
            {
                output.WriteLine(Shown(value));
            }

            return;
        }

        var names = objects.SelectMany(o => o.Properties()).Where(p => p.Value is JValue).Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var identifying = new[] { keyedBy, "id", "name" }.OfType<string>().Where(names.Contains).Distinct(StringComparer.Ordinal).ToList();
        var columns = marked is { Count: > 0 } ? [.. marked] : identifying.Concat(names.Where(n => !identifying.Contains(n)).Take(4)).ToList();
        var rows = objects.Select(o => columns.Select(c => o.TryGetValue(c, out var v) ? Shown(v, identifying.Contains(c) ? 200 : 40) : string.Empty).ToList()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToList();
        output.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }
    }

    /// <summary>A value as a line shows it: the server's text cleaned and cut; a list or an object by its size.</summary>
    private static string Shown(JToken value, int max = 200) => value switch
    {
        JValue { Value: null } => string.Empty,
        JValue scalar => ServerText.Clean(Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture), max) ?? string.Empty,
        JArray list => $"({list.Count} item{(list.Count == 1 ? string.Empty : "s")})",
        JObject fields => "{" + string.Join(", ", fields.Properties().Take(3).Select(p => p.Name)) + (fields.Count > 3 ? ", …" : string.Empty) + "}",
        _ => ServerText.Clean(value.ToString(), max) ?? string.Empty,
    };

    /// <summary><c>dataModelId</c> is <c>data-model-id</c>, <c>projects.id</c> is <c>projects-id</c>, <c>X-MSTR-ClientVersion</c> is <c>x-mstr-client-version</c>.</summary>
    internal static string Kebab(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (builder.Length > 0 && builder[^1] != '-')
                {
                    builder.Append('-');
                }

                continue;
            }

            if (char.IsUpper(c) && builder.Length > 0 && builder[^1] != '-' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Trim('-');
    }
}
