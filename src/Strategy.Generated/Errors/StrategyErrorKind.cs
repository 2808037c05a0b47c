namespace Strategy.Generated;

/// <summary>What kind of failure a <see cref="StrategyApiException"/> reports, for callers that branch on it.</summary>
public enum StrategyErrorKind
{
    /// <summary>An error that fits no other kind.</summary>
    Unknown = 0,

    /// <summary>The credentials were rejected (401, <c>ERR003</c>).</summary>
    Authentication,

    /// <summary>The session is missing, invalid or timed out (401, <c>ERR009</c>); logging in again helps.</summary>
    SessionExpired,

    /// <summary>The user lacks a privilege or a permission (403, <c>ERR0014</c>, <c>ERR0017</c>).</summary>
    Forbidden,

    /// <summary>The object does not exist or has expired (404, <c>ERR004</c>).</summary>
    NotFound,

    /// <summary>The request was invalid or incomplete (400, <c>ERR005</c>, <c>ERR006</c>, <c>ERR007</c>).</summary>
    InvalidInput,

    /// <summary>The server asked the client to slow down or timed out the request (429, 408).</summary>
    Throttled,

    /// <summary>The server failed (5xx, <c>ERR001</c>, <c>ERR002</c>).</summary>
    ServerError,

    /// <summary>The server answered success, but the answer could not be read (malformed JSON, a missing header, a body over the size limit).</summary>
    InvalidResponse,

    /// <summary>
    /// The address does not lead to the Strategy REST API: the login path is not there (an HTML 404:
    /// the wrong host or base path), the server redirected (a sign-in page of single sign-on, or
    /// <c>https://</c>), or an HTML page came where the API answers JSON.
    /// </summary>
    NotStrategyServer,
}
