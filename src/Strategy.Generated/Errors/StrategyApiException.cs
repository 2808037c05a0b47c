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

    private readonly byte[]? _responseBytes;

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
        : this(new ApiAnswer(statusCode, default, ErrorBody.Parse(response, contentType: null), response, null, RedactedHeaders.Of(headers), null), message, kind: null, innerException)
    {
    }

    private StrategyApiException(ApiAnswer answer, string? clientMessage, StrategyErrorKind? kind, Exception? innerException, bool statusSaid = false)
        : base(ApiErrorMessage.Compose(answer, clientMessage, statusSaid), innerException)
    {
        var body = answer.Body;
        StatusCode = answer.StatusCode;
        OperationId = answer.Operation.Id;
        Operation = answer.Operation.Request;
        ErrorCode = body.Code;
        ServerMessage = body.Message;
        IServerCode = body.IServerCode;
        TicketId = body.TicketId;
        Errors = body.Errors;
        Response = Truncate(answer.Text);
        _responseBytes = answer.Bytes;
        Headers = answer.Headers;
        RetryAfter = answer.RetryAfter;
        Kind = kind ?? StrategyErrorClassifier.Classify(answer.StatusCode, body.Code, clientMessage is not null && answer.StatusCode is >= 200 and < 300);
    }

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>The failed operation as method and path, for example <c>GET api/subscriptions/0730…</c>, when known.</summary>
    public string? Operation { get; }

    /// <summary>The failed operation's operationId in the spec, for example <c>GetSubscription</c>, when known.</summary>
    public string? OperationId { get; }

    /// <summary>The server's error code, such as <c>ERR004</c>, when the body had one (cleaned of control characters).</summary>
    public string? ErrorCode { get; }

    /// <summary>The server's error message, when the body had one: cleaned of control characters and cut to 1,000 characters (the raw body is <see cref="GetResponseBytes"/>).</summary>
    public string? ServerMessage { get; }

    /// <summary>The Intelligence Server error code, when the body had one.</summary>
    public long? IServerCode { get; }

    /// <summary>The id under which the server logged the error, when the body had one.</summary>
    public string? TicketId { get; }

    /// <summary>Further errors the server listed in an <c>errors</c> array.</summary>
    public IReadOnlyList<ErrorDetail> Errors { get; }

    /// <summary>What kind of failure this is.</summary>
    public StrategyErrorKind Kind { get; }

    /// <summary>The response body as text (at most 4 KiB, as the server wrote it), or <see langword="null"/> when it was not read.</summary>
    public string? Response { get; }

    /// <summary>The response headers, with cookies and tokens redacted.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>How long the server asked the client to wait (<c>Retry-After</c>), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The answer's body as the server sent it, byte for byte (of an error answer, its first 64 KB),
    /// for code that wants what the messages clean up; empty when it was not read.
    /// </summary>
    /// <returns>A copy of the bytes.</returns>
    public byte[] GetResponseBytes() => _responseBytes is null ? [] : (byte[])_responseBytes.Clone();

    /// <summary>
    /// Reads an error answer into an exception. The body is read as text whatever its type, so
    /// nothing is lost when it is empty, HTML or malformed JSON; only its first 64 KB are read.
    /// </summary>
    /// <param name="response">The non-success response.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    public static async Task<StrategyApiException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);

        var answer = await ApiAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode is >= 300 and < 400)
        {
            return new StrategyApiException(answer, RequestDescription.Redirected(response), StrategyErrorKind.NotStrategyServer, innerException: null);
        }

        if (answer.StatusCode == 404 && answer.Body.Code is null && answer.Operation.Id == RequestDescription.LoginOperationId)
        {
            // Every Strategy Library answers its login path: a 404 that is not its JSON error is another server, or another path.
            return new StrategyApiException(answer, "no Strategy Library answers at " + RequestDescription.BaseOf(response.RequestMessage), StrategyErrorKind.NotStrategyServer, innerException: null);
        }

        if (answer.StatusCode is 502 or 504 && answer.Body.Code is null)
        {
            return new StrategyApiException(answer, "a gateway in front of the Strategy server answered: the server behind it " + (answer.StatusCode == 502 ? "could not be reached" : "did not answer in time"), kind: null, innerException: null);
        }

        return new StrategyApiException(answer, clientMessage: null, kind: null, innerException: null);
    }

    /// <summary>
    /// A success answer whose status the operation does not have (a login answered 200 instead of 204):
    /// names the operation, the statuses it answers and what the body was. An HTML page there means the
    /// address leads to something else than the Strategy REST API.
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="expected">The success statuses the spec gives the operation, such as <c>204</c>.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    internal static async Task<StrategyApiException> UnexpectedStatusAsync(HttpResponseMessage response, string expected, CancellationToken cancellationToken)
    {
        var answer = await ApiAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var statuses = expected.Split([" or "], StringSplitOptions.None);
        var answers = statuses.Length == 1 ? expected : string.Join(", ", statuses.Take(statuses.Length - 1)) + " or " + statuses[^1];
        var message = FormattableString.Invariant($"it answered HTTP {answer.StatusCode}, where it answers {answers}");
        return answer.Body.IsHtml
            ? new StrategyApiException(answer, message + "; an HTML page is not the Strategy REST API (a sign-in or portal page at " + RequestDescription.BaseOf(response.RequestMessage) + "?)", StrategyErrorKind.NotStrategyServer, innerException: null, statusSaid: true)
            : new StrategyApiException(answer, message, StrategyErrorKind.InvalidResponse, innerException: null, statusSaid: true);
    }

    /// <summary>
    /// A success answer whose body could not be read as <paramref name="modelType"/>: names the
    /// operation, the status, the JSON path and the reason, and keeps the body.
    /// </summary>
    internal static StrategyApiException Unreadable(HttpResponseMessage response, Type modelType, string text, Newtonsoft.Json.JsonException error)
    {
        var body = ErrorBody.Parse(text, response.Content?.Headers.ContentType?.MediaType);
        var answer = new ApiAnswer((int)response.StatusCode, RequestDescription.Of(response.RequestMessage), ErrorBody.None, text, null, RedactedHeaders.Of(response), null);
        if (body.IsHtml)
        {
            var page = body.HtmlTitle is null ? "an HTML page" : $"an HTML page titled '{body.HtmlTitle}'";
            return new StrategyApiException(answer, $"{page} came where {modelType.Name} JSON belongs: the address leads to something else than the Strategy REST API", StrategyErrorKind.NotStrategyServer, error);
        }

        var (path, line, position) = error switch
        {
            Newtonsoft.Json.JsonReaderException reader => (reader.Path, reader.LineNumber, reader.LinePosition),
            Newtonsoft.Json.JsonSerializationException serialization => (serialization.Path, serialization.LineNumber, serialization.LinePosition),
            _ => (null, 0, 0),
        };
        var where = string.IsNullOrEmpty(path) ? "$" : "$." + ServerText.Clean(path, 100);
        var location = line > 0 ? FormattableString.Invariant($" (line {line}, position {position})") : string.Empty;
        return new StrategyApiException(answer, $"the body could not be read as {modelType.Name} at {where}{location}: {ApiErrorMessage.Reason(error.Message)}", StrategyErrorKind.InvalidResponse, error);
    }

    /// <summary>A success answer larger than the client reads (<see cref="StrategyClientOptions.MaxResponseSize"/>).</summary>
    internal static StrategyApiException TooLarge(HttpResponseMessage response, string reason) =>
        new(new ApiAnswer((int)response.StatusCode, RequestDescription.Of(response.RequestMessage), ErrorBody.None, null, null, RedactedHeaders.Of(response), null), reason, StrategyErrorKind.InvalidResponse, innerException: null);

    /// <summary>
    /// The session refused again right after a new login (401 <c>ERR009</c> twice): an authentication
    /// failure, not an expired session, since renewing does not help.
    /// </summary>
    internal static async Task<StrategyApiException> RefusedAfterRenewalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var answer = await ApiAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return new StrategyApiException(
            answer,
            "the server refused the session again right after a new login (does a load balancer send requests to another node without their session cookie?)",
            StrategyErrorKind.Authentication,
            innerException: null);
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
