using Strategy.Cli;
using Strategy.Cli.Infrastructure;

// The first thing: the profile speeds up what follows (multi-core JIT).
StartupProfile.Start(args);

// SIGINT and SIGTERM cancel the command so its clean-up runs; a second one exits at once.
var console = CliConsole.System;
using var interruption = CliInterruption.ForProcess(console.Error);
return await StrategyCli.RunAsync(args, console, interruption);
