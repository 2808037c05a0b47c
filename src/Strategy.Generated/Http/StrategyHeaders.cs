namespace Strategy.Generated.Http;

/// <summary>Names of the HTTP headers the Strategy REST API gives meaning to.</summary>
public static class StrategyHeaders
{
    /// <summary>The session token answered by login and sent on every later request.</summary>
    public const string AuthToken = "X-MSTR-AuthToken";

    /// <summary>The project a request works in.</summary>
    public const string ProjectId = "X-MSTR-ProjectID";

    /// <summary>The data model instance answered by instance creation.</summary>
    public const string DataModelInstanceId = "X-MSTR-DataModelInstanceId";

    /// <summary>The total number of items across all pages of a list.</summary>
    public const string TotalCount = "x-mstr-total-count";

    /// <summary>Asks for asynchronous processing (<c>respond-async</c>).</summary>
    public const string Prefer = "Prefer";

    /// <summary>
    /// Whether a header carries a secret that must never reach a log, an exception or
    /// <c>ToString()</c>: the token, cookies and credentials.
    /// </summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns><see langword="true"/> when the header's value must be redacted.</returns>
    public static bool IsSecret(string name) =>
        string.Equals(name, AuthToken, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Cookie", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Proxy-Authorization", StringComparison.OrdinalIgnoreCase);
}
