namespace Strategy.Generated;

/// <summary>How to log in. The password never appears in <see cref="ToString"/>.</summary>
public sealed record StrategyCredentials
{
    /// <summary>Creates credentials.</summary>
    /// <param name="loginMode">The login mode.</param>
    /// <param name="username">The login name (empty for API-token login).</param>
    /// <param name="password">The password, or the API token.</param>
    public StrategyCredentials(LoginMode loginMode, string? username, string? password)
    {
        LoginMode = loginMode;
        Username = username;
        Password = password;
    }

    /// <summary>The login mode.</summary>
    public LoginMode LoginMode { get; }

    /// <summary>The login name.</summary>
    public string? Username { get; }

    /// <summary>The password, or the API token in <see cref="LoginMode.ApiToken"/> mode. Secret: never logged or shown.</summary>
    public string? Password { get; }

    /// <summary>Standard (metadata) login.</summary>
    /// <param name="username">The login name.</param>
    /// <param name="password">The password.</param>
    /// <returns>The credentials.</returns>
    public static StrategyCredentials Standard(string username, string password) => new(LoginMode.Standard, username, password);

    /// <summary>LDAP login.</summary>
    /// <param name="username">The LDAP login name.</param>
    /// <param name="password">The LDAP password.</param>
    /// <returns>The credentials.</returns>
    public static StrategyCredentials Ldap(string username, string password) => new(LoginMode.Ldap, username, password);

    /// <summary>API-token login.</summary>
    /// <param name="apiToken">The API token.</param>
    /// <returns>The credentials.</returns>
    public static StrategyCredentials ApiToken(string apiToken) => new(LoginMode.ApiToken, null, apiToken);

    /// <summary>
    /// The request body that logs in with these credentials. An API-token login sends the token
    /// as <c>username</c> and no password, as servers expect.
    /// </summary>
    /// <returns>The login request.</returns>
    internal LoginRequest ToLoginRequest() => LoginMode == LoginMode.ApiToken
        ? new() { LoginMode = LoginMode, Username = Password }
        : new() { LoginMode = LoginMode, Username = Username, Password = Password ?? string.Empty };

    /// <inheritdoc />
    public override string ToString() => $"{LoginMode} login as {Username ?? "(token)"}";
}
