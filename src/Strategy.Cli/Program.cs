using Strategy.Cli;
using Strategy.Cli.Infrastructure;

// SIGINT and SIGTERM cancel the command so its clean-up runs; a second one exits at once.
using var interruption = CliInterruption.ForProcess(Console.Error);
return await StrategyCli.RunAsync(args, CliConsole.System, interruption);
