namespace Strategy.Shared;

/// <summary>
/// A server address as it may be shown and kept: one with a user name or password in it
/// (<c>https://user:pass@host/</c>) is refused, because the address is written where it goes
/// (messages, logs, resume tokens), and it is only ever shown with them replaced.
/// Compiled into the library and into each front end, which share its words.
/// </summary>
internal static class ServerAddress
{
    /// <summary>What is said of an address with credentials in it.</summary>
    public const string CarriesCredentials =
        "The server address carries a user name or password (user:…@host). Give the credentials apart (StrategyCredentials, the Strategy:Username and Strategy:Password settings, --username with STRATEGY_PASSWORD, or -Credential), never in the address: it is written where the address goes.";

    /// <summary>Whether <paramref name="address"/> has a user name or password in it.</summary>
    public static bool HasCredentials(Uri address) => address.IsAbsoluteUri && address.UserInfo.Length > 0;

    /// <summary>The address as it may be shown: any user name and password replaced by <c>…</c>, control characters cleaned.</summary>
    public static string Shown(Uri address)
    {
        if (!address.IsAbsoluteUri)
        {
            return Strategy.Generated.ServerText.Clean(address.OriginalString) ?? string.Empty;
        }

        return HasCredentials(address)
            ? new UriBuilder(address) { UserName = "…", Password = string.Empty }.Uri.AbsoluteUri
            : address.AbsoluteUri;
    }
}
