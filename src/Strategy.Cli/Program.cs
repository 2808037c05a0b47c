using Strategy.Cli;
using Strategy.Cli.Infrastructure;

// SIGINT and SIGTERM cancel the command so its clean-up runs; a second one exits at once.
var console = CliConsole.System;
using var interruption = CliInterruption.ForProcess(console.Error);
return await StrategyCli.RunAsync(args, console, interruption);
