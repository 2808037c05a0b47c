using System.CommandLine;
using Strategy.Cli.Commands;
using Strategy.Cli.Infrastructure;

namespace Strategy.Cli;

/// <summary>The <c>strategy</c> command line.</summary>
internal static class StrategyCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken)
    {
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, console);
        var root = new RootCommand("strategy: run Strategy (MicroStrategy) Library REST API workflows against a server, or against the embedded emulator.")
        {
            DemoCommand.Create(runner),
            SchemaCommands.Schema(runner),
            SchemaCommands.Tasks(runner),
            DataModelCommands.Create(runner),
            SubscriptionCommands.Create(runner),
            SubscriptionCommands.Schedules(runner),
            OperationsCommand.Create(),
        };
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine("Run 'strategy --help' to see the commands and their options.");
            return ExitCodes.BadInput;
        }

        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
