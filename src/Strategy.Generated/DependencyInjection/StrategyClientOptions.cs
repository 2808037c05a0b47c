using Strategy.Generated.Resilience;
using Strategy.Generated.Sessions;

namespace Strategy.Generated;

/// <summary>Where and how the clients registered by <c>AddStrategyClient</c> connect; binds from configuration (section <c>Strategy</c>).</summary>
public sealed class StrategyClientOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Strategy";

    /// <summary>The server, such as <c>https://host/MicroStrategyLibrary/</c>. Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The project every client works in. Required.</summary>
    public string? ProjectId { get; set; }

    /// <summary>How to log in. Default <see cref="LoginMode.Standard"/>.</summary>
    public LoginMode LoginMode { get; set; } = LoginMode.Standard;

    /// <summary>The login name (not used for API-token login).</summary>
    public string? Username { get; set; }

    /// <summary>The password or API token: a secret, best supplied by a secret store or an environment variable.</summary>
    public string? Password { get; set; }

    /// <summary>How long one request may take. Default 100 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How transient failures are retried.</summary>
    public StrategyRetryOptions Retry { get; set; } = StrategyRetryOptions.Default;

    /// <summary>The credentials these options describe.</summary>
    /// <returns>The credentials.</returns>
    public StrategyCredentials ToCredentials() =>
        LoginMode == LoginMode.ApiToken ? StrategyCredentials.ApiToken(Password ?? string.Empty) : new StrategyCredentials(LoginMode, Username, Password ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"{BaseUrl} project {ProjectId} as {ToCredentials()}";
}
