using System.CommandLine;

namespace Strategy.Cli.Infrastructure;

/// <summary>Options every command takes: where to connect, how to log in, how to print and wait.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description = "The Strategy Library server, such as https://host/MicroStrategyLibrary (or STRATEGY_BASE_URL). Required, unless --emulator is given.",
        Recursive = true,
    };

    public Option<string?> CaCertificate { get; } = new("--ca-certificate")
    {
        Description = "A PEM file of certificate authorities to trust besides the system's, such as your organization's own CA (or STRATEGY_CA_CERTIFICATE).",
        Recursive = true,
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Work on an embedded emulator started for this command instead of a server (demo does by default).",
        Recursive = true,
    };

    public Option<string?> LoginMode { get; } = new Option<string?>("--login-mode")
    {
        Description = "standard, ldap or api-token (or STRATEGY_LOGIN_MODE). Default standard.",
        Recursive = true,
    }.AcceptOnlyFromAmong("standard", "ldap", "api-token");

    public Option<string?> Username { get; } = new("--username")
    {
        Description = "The login name (or STRATEGY_USERNAME). Default administrator. The password comes from STRATEGY_PASSWORD, or a prompt on a terminal; for --login-mode api-token the token comes from STRATEGY_API_TOKEN.",
        Recursive = true,
    };

    public Option<string?> Project { get; } = new("--project")
    {
        Description = "The project, by id or by name (or STRATEGY_PROJECT_ID). Required with --base-url; on the embedded emulator, the MicroStrategy Tutorial project.",
        Recursive = true,
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "The time limit in seconds for the whole command: logging in, every call (each also stops at 100 s) and every wait; clean-up after it has --cleanup-timeout. Default 600.",
        Recursive = true,
    };

    public Option<double?> PollInterval { get; } = new("--poll-interval")
    {
        Description = "The shortest time in seconds between two status checks. Default 1.",
        Recursive = true,
    };

    public Option<double?> CleanupTimeout { get; } = new("--cleanup-timeout")
    {
        Description = "How many seconds clean-up (deleting a data model instance) may take after a failure, a timeout or Ctrl+C. Default 10.",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print results as JSON.", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Print full error details.", Recursive = true };

    public Option<bool> Trace { get; } = new("--trace") { Description = "When done, print the run's span tree (workflows and HTTP attempts, with durations and statuses) to stderr.", Recursive = true };

    public IEnumerable<Option> All => [BaseUrl, CaCertificate, Emulator, LoginMode, Username, Project, Timeout, PollInterval, CleanupTimeout, Json, Verbose, Trace];
}
