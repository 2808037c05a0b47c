using System.CommandLine;
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Shared;
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
        where T : StrategyClientBase
    {
        var client = Connection.CreateClient<T>();
        client.ProjectId = ProjectId;
        return client;
    }

    /// <summary>
    /// An option's value, or on the embedded emulator the seed object's id; against a real server
    /// (--base-url) a missing value is a usage error naming the option.
    /// </summary>
    public string Required(string? value, string option, string seedValue) =>
        value is { Length: > 0 } given ? given
        : _emulator is not null ? seedValue
        : throw new ArgumentException($"{option} is required with --base-url (the seed ids apply only to the embedded emulator).");

    public static async Task<CliSession> OpenAsync(
        ParseResult parseResult, GlobalOptions options, CliConsole console, CliInterruption interruption, bool emulatorByDefault, CancellationToken cancellationToken)
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
            var other => throw new ArgumentException($"'{other}' (STRATEGY_LOGIN_MODE) is not a login mode; use standard, ldap or api-token."),
        };
        var username = Setting(options.Username, "STRATEGY_USERNAME") ?? "administrator";
        var project = Setting(options.Project, "STRATEGY_PROJECT_ID");
        var json = parseResult.GetValue(options.Json);

        // A fake server only when asked for: a scheduler whose environment lost STRATEGY_BASE_URL must fail, not succeed against nothing.
        var url = Setting(options.BaseUrl, "STRATEGY_BASE_URL");
        var useEmulator = parseResult.GetValue(options.Emulator);
        if (useEmulator && parseResult.GetValue(options.BaseUrl) is { Length: > 0 })
        {
            throw new ArgumentException("--emulator and --base-url name two servers; give one.");
        }

        if (!useEmulator && url is null)
        {
            if (!emulatorByDefault)
            {
                throw new ArgumentException("No server to work on: give --base-url (or set STRATEGY_BASE_URL), or --emulator to work on the embedded emulator.");
            }

            useEmulator = true;
        }

        StrategyEmulator? emulator = null;
        Uri baseUrl;
        StrategyCredentials credentials;
        string? caCertificate = null;
        if (!useEmulator)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"'{(parsed is null ? ServerText.Clean(url) : ServerAddress.Shown(parsed))}' (--base-url or STRATEGY_BASE_URL) is not an http or https address.");
            }

            if (ServerAddress.HasCredentials(parsed))
            {
                throw new ArgumentException($"--base-url (or STRATEGY_BASE_URL): {ServerAddress.CarriesCredentials}");
            }

            baseUrl = parsed;
            if (project is null)
            {
                throw new ArgumentException("--project (or STRATEGY_PROJECT_ID) is required with --base-url: a project id, or its name (the seed ids apply only to the embedded emulator).");
            }

            credentials = Credentials(console, loginMode, username);
            caCertificate = Setting(options.CaCertificate, "STRATEGY_CA_CERTIFICATE");
            if (caCertificate is not null && !File.Exists(caCertificate))
            {
                throw new ArgumentException($"--ca-certificate (or STRATEGY_CA_CERTIFICATE) names {caCertificate}, which does not exist.");
            }
        }
        else
        {
            emulator = await StartEmulatorAsync(cancellationToken);
            project ??= Seeds.ProjectId;
            baseUrl = emulator.BaseUrl;
            credentials = StrategyCredentials.Standard("administrator", string.Empty);

            // Said whatever the output format: nothing done here reaches a real server.
            console.Error.WriteLine(url is null
                ? $"Using the embedded Strategy emulator at {baseUrl}: nothing reaches a real server."
                : $"Using the embedded Strategy emulator at {baseUrl} (--emulator; STRATEGY_BASE_URL is not used): nothing reaches a real server.");
        }

        var connection = StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = baseUrl,
            ProjectId = ProjectNames.IsId(project) ? project : null,
            LoginMode = credentials.LoginMode,
            Username = credentials.Username,
            Password = credentials.Password,
            CaCertificateFile = caCertificate,
        });
        var session = new CliSession(console, interruption, connection, emulator, json, waits);
        try
        {
            session.ProjectId = await ProjectNames.ResolveAsync(connection, project!, "--project", cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>The project every client of this command works in.</summary>
    public string ProjectId { get; private set; } = string.Empty;

    /// <summary>
    /// The credentials for a real server: the password (or API token) from the environment, or a
    /// hidden prompt on a terminal. Without a terminal an unset variable is an error, never an empty password.
    /// </summary>
    private static StrategyCredentials Credentials(CliConsole console, LoginMode loginMode, string username)
    {
        if (loginMode == LoginMode.ApiToken)
        {
            var token = console.GetEnvironmentVariable("STRATEGY_API_TOKEN")
                        ?? (console.CanPrompt ? console.ReadHiddenLine("API token: ") : null)
                        ?? throw new ArgumentException("STRATEGY_API_TOKEN is not set and there is no terminal to ask for the token; set it for --login-mode api-token.");
            return token.Length == 0 ? throw new ArgumentException("STRATEGY_API_TOKEN is empty; --login-mode api-token needs the token.") : StrategyCredentials.ApiToken(token);
        }

        var password = console.GetEnvironmentVariable("STRATEGY_PASSWORD")
                       ?? (console.CanPrompt ? console.ReadHiddenLine($"Password for {username}: ") : null)
                       ?? throw new ArgumentException("STRATEGY_PASSWORD is not set and there is no terminal to ask for the password; set it (set but empty means an empty password).");
        return new StrategyCredentials(loginMode, username, password);
    }

    /// <summary>Starts the embedded emulator; on its own so that commands for a real server never load it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Task<StrategyEmulator> StartEmulatorAsync(CancellationToken cancellationToken) =>
        StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" }, cancellationToken);

    /// <summary>Whether this command works on the embedded emulator.</summary>
    public bool OnEmulator => _emulator is not null;

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
