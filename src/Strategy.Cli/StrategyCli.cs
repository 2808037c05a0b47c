using System.CommandLine;
using Strategy.Cli.Commands;
using Strategy.Cli.Infrastructure;

namespace Strategy.Cli;

/// <summary>The <c>strategy</c> command line.</summary>
internal static class StrategyCli
{
    /// <summary>Runs a command in-process; <paramref name="cancellationToken"/> stands in for an interrupt.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        console = console.Guarded();
        using var interruption = new CliInterruption(console.Error, cancellationToken);
        return await RunAsync(args, console, interruption);
    }

    /// <summary>Every command, with the options every one of them takes (the documentation's command list is tested against it).</summary>
    /// <param name="runner">Runs the commands.</param>
    /// <param name="options">The options every command takes.</param>
    /// <param name="words">The command line's words: the commands of the spec's operations are made for the groups it names only; all of them when <see langword="null"/>.</param>
    public static RootCommand Commands(CommandRunner runner, GlobalOptions options, IReadOnlyCollection<string>? words = null)
    {
        var root = new RootCommand("strategy: run Strategy (MicroStrategy) Library REST API workflows against a server, or against the embedded emulator.")
        {
            DemoCommand.Create(runner),
            SchemaCommands.Schema(runner),
            SchemaCommands.Tasks(runner),
            DataModelCommands.Create(runner),
            SubscriptionCommands.Create(runner),
            SubscriptionCommands.Schedules(runner),
            EventCommands.Create(runner),
            CubeCommands.Create(runner),
            JobCommands.Create(runner),
            ProjectCommands.Create(runner),
            MaintenanceCommands.Create(runner),
            UserCommands.Create(runner),
            PermissionCommands.Roles(runner),
            PermissionCommands.Acl(runner),
            ReportCommands.Create(runner),
            DashboardCommands.Create(runner),
            WaitCommand.Create(runner),
            OperationsCommand.Create(),
        };

        // After the hand-written ones: an operation's command joins the hand-written group of its name.
        OperationCommands.AddTo(root, runner, words);
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CliInterruption interruption)
    {
        console = console.Guarded();
        var options = new GlobalOptions();
        var root = Commands(new CommandRunner(options, console, interruption), options, new HashSet<string>(args, StringComparer.Ordinal));
        var parseResult = root.Parse(args);

        // Our own reading first: an option taken as an id, a mistyped name with the one it may mean.
        var mistakes = UsageMistakes.Of(parseResult);
        if (mistakes.Count > 0 || parseResult.Errors.Count > 0)
        {
            foreach (var error in mistakes.Count > 0 ? mistakes : parseResult.Errors.Select(e => e.Message))
            {
                console.Error.WriteLine($"error: {error}");
            }

            console.Error.WriteLine("Run 'strategy --help' to see the commands and their options.");
            return ExitCodes.BadInput;
        }

        // Signals are ours (CliInterruption): System.CommandLine's own handling would end the
        // process two seconds after Ctrl+C, before clean-up is done.
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, ProcessTerminationTimeout = null };
        var exitCode = await parseResult.InvokeAsync(invocation, interruption.Token);
        return interruption.Signal is null ? exitCode : interruption.ExitCode;
    }
}
