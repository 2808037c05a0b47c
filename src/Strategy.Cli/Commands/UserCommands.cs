using System.CommandLine;
using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Strategy.Cli.Infrastructure;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Commands;

/// <summary>
/// <c>strategy users apply &lt;people.csv&gt;</c>: a list of people applied like a plan. The plan is printed
/// before anything is sent, then one line per person as each ends; every person has an outcome.
/// </summary>
internal static class UserCommands
{
    public static Command Create(CommandRunner runner)
    {
        var file = new Argument<string>("people.csv") { Description = "The list: a CSV file with the columns username, fullName, email, enabled, groups (names separated by ;), securityRoles (in the project, names separated by ;) and ldapdn; only username is required." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan and send no changing call." };
        var managed = new Option<string?>("--managed-group") { Description = "The group whose members the list manages: one missing from the list is disabled (never deleted, never this command's user)." };
        var parallel = new Option<int>("--parallel") { Description = "How many people are changed at once. Default 4.", DefaultValueFactory = _ => 4 };
        var passwords = new Option<string?>("--passwords") { Description = "The file new people's one-time passwords are written to, created readable by you only and never overwritten. Default: the list's name with .passwords.csv." };
        var apply = new Command(
            "apply",
            "Apply a list of people: print the plan (create, update, disable, unchanged, refused), then one line per person as each ends; exit 0 when every change was made, 1 naming each that failed or was refused, 3 for a file that cannot be read (its row and column named, nothing sent).")
        {
            file,
            dryRun,
            managed,
            parallel,
            passwords,
        };
        runner.SetAction(apply, async (parseResult, session, cancellationToken) =>
        {
            var path = parseResult.GetValue(file)!;
            if (parseResult.GetValue(parallel) is < 1 or > 64)
            {
                throw new ArgumentException("--parallel must be between 1 and 64.");
            }

            var people = Read(path);
            var users = session.Client<UsersClient>();
            var plan = await users.PlanAsync(people, new StrategyPeoplePlanOptions { ManagedGroup = parseResult.GetValue(managed) }, cancellationToken);
            PrintPlan(session, plan);
            if (parseResult.GetValue(dryRun))
            {
                session.Console.Error.WriteLine($"Dry run: {plan}; nothing was sent.");
                return plan.Count(StrategyPersonAction.Refused) == 0 ? ExitCodes.Success : ExitCodes.ServerFailure;
            }

            await using var secrets = new OneTimePasswordFile(parseResult.GetValue(passwords) ?? Path.ChangeExtension(Path.GetFullPath(path), null) + ".passwords.csv");
            var creates = plan.Changes.Any(c => c.Action == StrategyPersonAction.Create);
            if (creates)
            {
                secrets.CheckCanCreate();
            }

            var options = new StrategyPeopleApplyOptions
            {
                MaxConcurrency = parseResult.GetValue(parallel),
                OneTimePasswords = secrets.WriteAsync,
                TimeLimit = session.Waits.Timeout,
            };
            var lines = new Progress(session);
            var result = await users.ApplyAsync(plan, options, lines, cancellationToken);
            if (secrets.Count > 0)
            {
                session.Console.Error.WriteLine($"{secrets.Count} one-time password(s) written to {secrets.Path} (readable by you only); each person must change it at the first login.");
            }

            session.Console.Error.WriteLine(result.ToString());
            foreach (var failed in result.Failures.Concat(result.NotStarted))
            {
                session.Console.Error.WriteLine($"error: {failed}");
            }

            if (result.Stopped)
            {
                session.Console.Error.WriteLine("Stopped: the changes in flight ended; the people not started were not changed.");
                return session.Interruption.ExitCode;
            }

            return result.Succeeded ? ExitCodes.Success : result.TimeLimitReached && !result.Failures.Any() ? ExitCodes.Timeout : ExitCodes.ServerFailure;
        });

        return new Command("users", "People: apply a list of them like a plan, and the users calls of the spec.") { apply };
    }

    /// <summary>The list, every row read before anything is sent.</summary>
    /// <exception cref="ArgumentException">The file cannot be read, or a column or a value cannot: named with its row and column.</exception>
    private static List<StrategyPerson> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"The list {path} does not exist; nothing was sent.");
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { DetectDelimiter = false, TrimOptions = TrimOptions.Trim, BadDataFound = null });
        var name = Path.GetFileName(path);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
        {
            throw new ArgumentException($"{name}: the file is empty; it needs a header row with a 'username' column. Nothing was sent.");
        }

        PeopleRows.CheckColumns(header, name);
        var people = new List<StrategyPerson>();
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            if (csv.Parser.Count != header.Length)
            {
                throw new ArgumentException($"{name} row {row}: it has {csv.Parser.Count} values, the header {header.Length} columns; nothing was sent.");
            }

            people.Add(PeopleRows.Person(header.Select((h, i) => (h, csv.GetField(i))).ToDictionary(p => p.h, p => p.Item2, StringComparer.OrdinalIgnoreCase), $"{name} row {row}"));
        }

        return people;
    }

    private static void PrintPlan(CliSession session, StrategyPeoplePlan plan)
    {
        if (session.Json)
        {
            foreach (var change in plan.Changes)
            {
                session.Console.Out.WriteLine(JsonOutput.Line(new { plan = change.Action.ToString().ToLowerInvariant(), username = change.Username, differences = change.Differences, problem = change.Problem }));
            }

            return;
        }

        foreach (var change in plan.Changes.Where(c => c.Action != StrategyPersonAction.Unchanged))
        {
            session.Console.Out.WriteLine(change.ToString());
        }

        session.Console.Out.WriteLine($"Plan: {plan}.");
    }

    /// <summary>One line per person as each ends (a JSON object each with --json); unchanged people are counted, not listed.</summary>
    private sealed class Progress(CliSession session) : IProgress<StrategyPersonOutcome>
    {
        private readonly Lock _gate = new();

        public void Report(StrategyPersonOutcome value)
        {
            if (value.State == StrategyPersonOutcomeState.Unchanged && !session.Json)
            {
                return;
            }

            lock (_gate)
            {
                session.Console.Out.WriteLine(session.Json
                    ? JsonOutput.Line(new { username = value.Username, action = value.Action.ToString().ToLowerInvariant(), outcome = value.State.ToString().ToLowerInvariant(), reason = value.Reason })
                    : value.ToString());
            }
        }
    }
}
