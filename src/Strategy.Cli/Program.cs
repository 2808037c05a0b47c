using Strategy.Cli;
using Strategy.Cli.Infrastructure;

return await StrategyCli.RunAsync(args, CliConsole.System, CancellationToken.None);
