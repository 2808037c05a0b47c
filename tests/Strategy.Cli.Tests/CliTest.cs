using Strategy.Cli;
using Strategy.Cli.Infrastructure;
using Strategy.Emulator;

namespace Strategy.Cli.Tests;

/// <summary>The <c>strategy</c> command run in-process against a fresh emulator per test, with the password from the environment.</summary>
public abstract class CliTest
{
    protected StrategyEmulator Emulator { get; set; } = null!;

    [SetUp]
    public async Task StartEmulator() => Emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions
    {
        PathBase = "/MicroStrategyLibrary",
        TaskDuration = TimeSpan.FromMilliseconds(100),
        PublishDuration = TimeSpan.FromMilliseconds(150),
        ProjectStatusDuration = TimeSpan.FromMilliseconds(150),
    });

    [TearDown]
    public async Task StopEmulator() => await Emulator.DisposeAsync();

    protected async Task<(int ExitCode, string Out, string Error)> RunWithPasswordAsync(string password, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? password : null,
        };
        string[] connection = ["--base-url", Emulator.BaseUrl.ToString(), "--poll-interval", "0.02", .. (args.Contains("--project") ? [] : new[] { "--project", Seeds.ProjectId })];
        var exitCode = await StrategyCli.RunAsync([.. args, .. connection], console, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    protected Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args) => RunWithPasswordAsync(string.Empty, args);
}
