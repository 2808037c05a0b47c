using System.Globalization;
using System.Net.Http.Headers;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// The server answered with an error, or with a success the client could not read. Carries the
/// HTTP status, the server's <c>code</c>, <c>message</c>, <c>iServerCode</c> and <c>ticketId</c>
/// when the body has them, and the operation that failed. Works for empty, HTML and non-JSON bodies.
/// </summary>
public class StrategyApiException : StrategyException
{
    private const int MaxKeptResponseLength = 4096;

    /// <summary>
    /// Creates the exception from the parts the generated clients have at hand (the NSwag
    /// <c>exceptionClass</c> contract). The server's error fields are read from <paramref name="response"/>.
    /// </summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="response">The response body, if it was read.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="innerException">The cause, such as a JSON reader error.</param>
    public StrategyApiException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        Exception? innerException)
        : this(statusCode, operation: default, ErrorBody.Parse(response, contentType: null), response, RedactHeaders(headers), retryAfter: null, message, innerException)
    {
    }

    private StrategyApiException(
        int statusCode,
        (string? Id, string? Request) operation,
        ErrorBody body,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        TimeSpan? retryAfter,
        string? clientMessage,
        Exception? innerException)
        : base(Describe(statusCode, operation, body, clientMessage), innerException)
    {
        StatusCode = statusCode;
        OperationId = operation.Id;
        Operation = operation.Request;
        ErrorCode = body.Code;
        ServerMessage = body.Message;
        IServerCode = body.IServerCode;
        TicketId = body.TicketId;
        Errors = body.Errors;
        Response = Truncate(response);
        Headers = headers;
        RetryAfter = retryAfter;
        Kind = Classify(statusCode, body.Code, clientMessage is not null && statusCode is >= 200 and < 300);
    }

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The failed operation as method and path, for example <c>GET api/subscriptions/0730…</c>, when known.</summary>
    public string? Operation { get; }

    /// <summary>The failed operation's operationId in the spec, for example <c>GetSubscription</c>, when known.</summary>
    public string? OperationId { get; }

    /// <summary>The server's error code, such as <c>ERR004</c>, when the body had one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's error message, when the body had one.</summary>
    public string? ServerMessage { get; }

    /// <summary>The Intelligence Server error code, when the body had one.</summary>
    public long? IServerCode { get; }

    /// <summary>The id under which the server logged the error, when the body had one.</summary>
    public string? TicketId { get; }

    /// <summary>Further errors the server listed in an <c>errors</c> array.</summary>
    public IReadOnlyList<ErrorDetail> Errors { get; }

    /// <summary>What kind of failure this is.</summary>
    public StrategyErrorKind Kind { get; }

    /// <summary>The response body as text (at most 4 KiB), or <see langword="null"/> when it was not read.</summary>
    public string? Response { get; }

    /// <summary>The response headers, with cookies and tokens redacted.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Reads an error answer into an exception. The body is read as text whatever its type, so
    /// nothing is lost when it is empty, HTML or malformed JSON.
    /// </summary>
    /// <param name="response">The non-success response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<StrategyApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);

        var answer = await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return new StrategyApiException(
            (int)response.StatusCode,
            DescribeOperation(response.RequestMessage),
            answer.Body,
            answer.Text,
            RedactHeaders(response),
            RetryAfterHeader.Read(response.Headers.RetryAfter, TimeProvider.System),
            clientMessage: null,
            innerException: null);
    }

    /// <summary>
    /// A success answer whose body could not be read as <paramref name="modelType"/>: names the
    /// operation, the status, the JSON path and the reason, and keeps the body.
    /// </summary>
    internal static StrategyApiException Unreadable(HttpResponseMessage response, Type modelType, string text, Newtonsoft.Json.JsonException error)
    {
        var (path, line, position) = error switch
        {
            Newtonsoft.Json.JsonReaderException reader => (reader.Path, reader.LineNumber, reader.LinePosition),
            Newtonsoft.Json.JsonSerializationException serialization => (serialization.Path, serialization.LineNumber, serialization.LinePosition),
            _ => (null, 0, 0),
        };
        var where = string.IsNullOrEmpty(path) ? "$" : "$." + path;
        var location = line > 0 ? FormattableString.Invariant($" (line {line}, position {position})") : string.Empty;
        var message = $"the body could not be read as {modelType.Name} at {where}{location}: {Reason(error.Message)}";
        return new StrategyApiException(
            (int)response.StatusCode,
            DescribeOperation(response.RequestMessage),
            ErrorBody.None,
            text,
            RedactHeaders(response),
            retryAfter: null,
            message,
            error);
    }

    // Newtonsoft appends "Path 'x', line 1, position 2." to its messages; the path is reported on its own.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ', ',');
    }

    private static (string? Id, string? Request) DescribeOperation(HttpRequestMessage? request) =>
        (StrategyRequestOptions.OperationId(request),
         request?.RequestUri is null ? null : FormattableString.Invariant($"{request.Method} {DescribePath(request.RequestUri)}"));

    private static string DescribePath(Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath.TrimStart('/') : uri.OriginalString.Split('?')[0];

    private static string Describe(int statusCode, (string? Id, string? Request) operation, ErrorBody body, string? clientMessage)
    {
        var prefix = operation switch
        {
            ({ } id, { } request) => $"{id} ({request})",
            ({ } id, null) => id,
            (null, { } request) => request,
            _ => "The request",
        };
        var text = clientMessage is null
            ? $"{prefix} failed with HTTP {statusCode}"
            : $"{prefix}: {clientMessage.TrimEnd('.')} (HTTP {statusCode})";

        if (body.Code is not null || body.Message is not null)
        {
            text += body.Code is null ? $": {body.Message}" : $": {body.Code} {body.Message}".TrimEnd();
        }
        else if (body.Description is not null)
        {
            text += $": {body.Description}";
        }

        var extra = new List<string>(2);
        if (body.IServerCode is { } iServerCode)
        {
            extra.Add(FormattableString.Invariant($"iServerCode {iServerCode}"));
        }

        if (body.TicketId is not null)
        {
            extra.Add($"ticket {body.TicketId}");
        }

        if (extra.Count > 0)
        {
            text += $" ({string.Join(", ", extra)})";
        }

        return text.EndsWith('.') ? text : text + ".";
    }

    /// <summary>The kind of an answer with this status and error code; the one place that decides it.</summary>
    internal static StrategyErrorKind Classify(int statusCode, string? code, bool unreadableSuccess = false)
    {
        if (unreadableSuccess)
        {
            return StrategyErrorKind.InvalidResponse;
        }

        switch (code?.ToUpperInvariant())
        {
            case "ERR009": return StrategyErrorKind.SessionExpired;
            case "ERR003": return StrategyErrorKind.Authentication;
            case "ERR004": return StrategyErrorKind.NotFound;
            case "ERR005" or "ERR006" or "ERR007": return StrategyErrorKind.InvalidInput;
            case "ERR0014" or "ERR0017" or "ERR014" or "ERR017": return StrategyErrorKind.Forbidden;
        }

        return statusCode switch
        {
            401 => StrategyErrorKind.SessionExpired,
            403 => StrategyErrorKind.Forbidden,
            404 => StrategyErrorKind.NotFound,
            400 or 422 => StrategyErrorKind.InvalidInput,
            408 or 429 => StrategyErrorKind.Throttled,
            >= 500 and < 600 => StrategyErrorKind.ServerError,
            _ => StrategyErrorKind.Unknown,
        };
    }

    private static Dictionary<string, IEnumerable<string>> RedactHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value;
        }

        return RedactHeaders(headers);
    }

    private static Dictionary<string, IEnumerable<string>> RedactHeaders(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        var redacted = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        if (headers is null)
        {
            return redacted;
        }

        foreach (var (name, values) in headers)
        {
            redacted[name] = StrategyHeaders.IsSecret(name) ? ["[redacted]"] : values.ToArray();
        }

        return redacted;
    }

    private static string? Truncate(string? text) =>
        text is { Length: > MaxKeptResponseLength } ? text[..MaxKeptResponseLength] : text;
}

/// <summary>
/// Formerly thrown by generated branches for documented error answers, which could never run (the
/// client base class throws <see cref="StrategyApiException"/> first); the generated clients no
/// longer have them. Kept until the next major version, when it is removed.
/// </summary>
/// <typeparam name="TResult">The documented error body type.</typeparam>
[Obsolete("Never thrown: every error answer is a StrategyApiException. Catch that; this type goes in the next major version.")]
public class StrategyApiException<TResult> : StrategyApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the generated code says went wrong.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="response">The response body.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="result">The error body.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StrategyApiException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>>? headers,
        TResult result,
        Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    /// <summary>The error body as the generated model.</summary>
    public TResult Result { get; }
}
