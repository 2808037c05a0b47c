using System.CommandLine;
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Generated.Http;

namespace Strategy.Cli.Infrastructure;

/// <summary>One command's connection: to the server named, or to an embedded emulator started for it.</summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly StrategyEmulator? _emulator;

    private CliSession(CliConsole console, CliInterruption interruption, StrategyConnection connection, StrategyEmulator? emulator, bool json, StrategyWaitOptions waits)
    {
        Console = console;
        Interruption = interruption;
        Connection = connection;
        _emulator = emulator;
        Json = json;
        Waits = waits;
    }

    public CliConsole Console { get; }

    /// <summary>Signals, and what the command leaves going on when one comes.</summary>
    public CliInterruption Interruption { get; }

    public StrategyConnection Connection { get; }

    public bool Json { get; }

    public StrategyWaitOptions Waits { get; }

    public T Client<T>()
        where T : StrategyClientBase => Connection.CreateClient<T>();

    /// <summary>
    /// An option's value, or on the embedded emulator the seed object's id; against a real server
    /// (--base-url) a missing value is a usage error naming the option.
    /// </summary>
    public string Required(string? value, string option, string seedValue) =>
        value is { Length: > 0 } given ? given
        : _emulator is not null ? seedValue
        : throw new ArgumentException($"{option} is required with --base-url (the seed ids apply only to the embedded emulator).");

    public static async Task<CliSession> OpenAsync(ParseResult parseResult, GlobalOptions options, CliConsole console, CliInterruption interruption, CancellationToken cancellationToken)
    {
        string? Setting(Option<string?> option, string variable) =>
            parseResult.GetValue(option) is { Length: > 0 } value ? value : console.GetEnvironmentVariable(variable) is { Length: > 0 } env ? env : null;

        var waits = StrategyWaitOptions.Default with
        {
            CleanupTimeout = Seconds(parseResult.GetValue(options.CleanupTimeout) ?? 10, "--cleanup-timeout"),
            ScopeChanged = interruption.OnScopeChanged,
        };
        if (parseResult.GetValue(options.Timeout) is { } timeout)
        {
            waits = waits with { Timeout = Seconds(timeout, "--timeout") };
        }

        if (parseResult.GetValue(options.PollInterval) is { } interval)
        {
            var minimum = Seconds(interval, "--poll-interval");
            waits = waits with { MinimumDelay = minimum, MaximumDelay = minimum > waits.MaximumDelay ? minimum : waits.MaximumDelay };
        }

        var loginMode = (Setting(options.LoginMode, "STRATEGY_LOGIN_MODE") ?? "standard") switch
        {
            "standard" => LoginMode.Standard,
            "ldap" => LoginMode.Ldap,
            "api-token" => LoginMode.ApiToken,
            var other => throw new ArgumentException($"'{other}' is not a login mode; use standard, ldap or api-token."),
        };
        var username = Setting(options.Username, "STRATEGY_USERNAME") ?? "administrator";
        var project = Setting(options.Project, "STRATEGY_PROJECT_ID");
        var json = parseResult.GetValue(options.Json);

        StrategyEmulator? emulator = null;
        Uri baseUrl;
        string password;
        if (Setting(options.BaseUrl, "STRATEGY_BASE_URL") is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{url}' is not an http or https address.");
            }

            baseUrl = parsed;
            if (project is null)
            {
                throw new ArgumentException("--project (or STRATEGY_PROJECT_ID) is required with --base-url (the seed ids apply only to the embedded emulator).");
            }

            password = console.GetEnvironmentVariable("STRATEGY_PASSWORD")
                       ?? (console.CanPrompt ? console.ReadHiddenLine($"Password for {username}: ") : string.Empty);
        }
        else
        {
            emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" }, cancellationToken);
            project ??= Seeds.ProjectId;
            baseUrl = emulator.BaseUrl;
            password = string.Empty;
            if (!json)
            {
                console.Error.WriteLine($"No --base-url given: started the embedded Strategy emulator at {baseUrl}");
            }
        }

        var connection = StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = baseUrl,
            ProjectId = project,
            LoginMode = loginMode,
            Username = username,
            Password = password,
        });
        return new CliSession(console, interruption, connection, emulator, json, waits);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    private static TimeSpan Seconds(double value, string option) =>
        value > 0 && value < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(value)
            : throw new ArgumentException($"{option} must be a positive number of seconds.");
}
