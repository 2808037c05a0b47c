using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using System.Text;
using Newtonsoft.Json;

namespace Strategy.Generated.Http;

/// <summary>
/// The base of every generated client (<c>clientBaseClass</c> in <c>spec/strategy.nswag</c>).
/// The generated code calls these hooks around each request; this is where the project header
/// is attached and every non-success answer becomes a <see cref="StrategyApiException"/>.
/// </summary>
/// <remarks>
/// Clients are cheap: they share the <see cref="HttpClient"/> they are given. To work in another
/// project for a single call, create a second client on the same <see cref="HttpClient"/>
/// with a different <see cref="ProjectId"/>.
/// </remarks>
public abstract class StrategyClientBase
{
    /// <summary>
    /// The project sent as <c>X-MSTR-ProjectID</c> on the requests of this client whose operation
    /// takes it (<see cref="StrategyOperation.ProjectHeader"/>: left out of the session's, the
    /// projects' and the cluster's calls), or <see langword="null"/> to send none (or to let a
    /// message handler add it).
    /// </summary>
    public string? ProjectId { get; set; }

    /// <summary>
    /// Creates a client of type <paramref name="clientType"/> on <paramref name="httpClient"/>, in
    /// <paramref name="projectId"/>: a generated client through its catalog factory; a class derived
    /// from one (a test double, say) through its <see cref="HttpClient"/> constructor.
    /// </summary>
    internal static StrategyClientBase Create(Type clientType, HttpClient httpClient, string? projectId)
    {
        if (StrategyOperations.Client(clientType) is { } generated)
        {
            return generated.Create(httpClient, projectId);
        }

        var client = (StrategyClientBase)Activator.CreateInstance(clientType, httpClient)!;
        client.ProjectId = projectId;
        return client;
    }

    /// <summary>Creates the request message for an operation and attaches the project header.</summary>
    /// <returns>A new request message.</returns>
    /// <remarks>Synchronous (NSwag's hook is a task): nothing in making a request waits, and a task would be allocated on every call.</remarks>
    protected virtual HttpRequestMessage CreateHttpRequestMessage()
    {
        HttpRequestMessage request = new StrategyRequestMessage();
        if (!string.IsNullOrEmpty(ProjectId))
        {
            request.Headers.TryAddWithoutValidation(StrategyHeaders.ProjectId, ProjectId);
        }

        return request;
    }

    /// <summary>Called before the request URL is final; does nothing by default.</summary>
    /// <param name="client">The HTTP client that will send the request.</param>
    /// <param name="request">The request.</param>
    /// <param name="urlBuilder">The relative URL being built.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the request is prepared.</returns>
    protected virtual Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, StringBuilder urlBuilder, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>Called with the final request URL; does nothing by default.</summary>
    /// <param name="client">The HTTP client that will send the request.</param>
    /// <param name="request">The request.</param>
    /// <param name="url">The relative URL.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the request is prepared.</returns>
    protected virtual Task PrepareRequestAsync(HttpClient client, HttpRequestMessage request, string url, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>Records which operation <paramref name="request"/> performs (its operationId); the generated code calls it before sending.</summary>
    /// <param name="request">The request.</param>
    /// <param name="operationId">The operationId from the spec, such as <c>GetSubscription</c>.</param>
    /// <param name="pathTemplate">The operation's path as the spec writes it, such as <c>api/subscriptions/{subscriptionId}</c>.</param>
    /// <param name="minimumServerVersion">The first server version that has the operation (<c>x-strategy-since</c>), if declared.</param>
    protected static void MarkOperation(HttpRequestMessage request, string operationId, string? pathTemplate = null, string? minimumServerVersion = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        StrategyRequestOptions.SetOperation(request, operationId, pathTemplate, minimumServerVersion);

        // The client adds its project to every request; here it comes off where the operation wants none.
        ProjectHeaderPolicy.Apply(request, operationId);

        // A time limit above names the call it cut, whatever pipeline the client is on.
        CallWatch.Sending(request);
    }

    /// <summary>
    /// Refuses an operation the server is known to lack (its version, reported by an earlier status
    /// answer on <paramref name="client"/>, comes before <paramref name="minimumServerVersion"/>), before
    /// anything is sent; the generated code calls it for an operation declared with <c>x-strategy-since</c>.
    /// </summary>
    /// <param name="client">The HTTP client the request goes through.</param>
    /// <param name="operationId">The operation.</param>
    /// <param name="minimumServerVersion">The first server version that has it.</param>
    /// <exception cref="StrategyNotSupportedException">The server is known to be older than the operation.</exception>
    protected static void RefuseIfOlder(HttpClient client, string operationId, string minimumServerVersion)
    {
        ArgumentNullException.ThrowIfNull(client);
        ServerSupport.RefuseIfOlder(client, operationId, minimumServerVersion);
    }

    /// <summary>
    /// Records on <paramref name="request"/> the error answer its operation's spec declares as
    /// "no status yet" (<c>x-strategy-wait.noStatus</c>), so it is not retried as a passing failure;
    /// the generated code calls it after <see cref="MarkOperation"/>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="status">The HTTP status of that answer.</param>
    /// <param name="code">Its error code.</param>
    /// <param name="message">Words its message contains.</param>
    protected static void MarkNoStatusAnswer(HttpRequestMessage request, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        StrategyRequestOptions.SetNoStatusAnswer(request, new NoStatusAnswer(status, code, message));
    }

    /// <summary>
    /// Records on <paramref name="request"/> the "no status yet" answer in both its wordings: the one
    /// that means no status yet, and the one that means the server reports none at all
    /// (<c>x-strategy-wait.noStatus.unavailable</c>); neither is retried as a passing failure.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="status">The HTTP status of that answer.</param>
    /// <param name="code">Its error code.</param>
    /// <param name="message">Words its message contains when there is no status yet.</param>
    /// <param name="unavailable">Words its message contains when the server reports no status at all.</param>
    protected static void MarkNoStatusAnswer(HttpRequestMessage request, int status, string code, string message, string unavailable)
    {
        ArgumentNullException.ThrowIfNull(request);
        StrategyRequestOptions.SetNoStatusAnswer(request, new NoStatusAnswer(status, code, message, unavailable));
    }

    /// <summary>
    /// Reads a JSON answer body as <typeparamref name="T"/>, leniently: properties the spec does not
    /// list are kept, unknown enum values are kept, and a property the spec calls required may be
    /// missing. An empty body reads as the default value. The text read is returned as well.
    /// </summary>
    /// <typeparam name="T">The model to read.</typeparam>
    /// <param name="response">The answer.</param>
    /// <param name="settings">The client's JSON settings.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The model and the body's text.</returns>
    /// <exception cref="StrategyApiException">
    /// The body is not JSON or does not fit the model; the message names the operation, the HTTP
    /// status, the JSON path and the reason, and <see cref="StrategyApiException.Response"/> holds the body.
    /// </exception>
    protected static async Task<(T? Value, string Text)> ReadJsonBodyAsync<T>(HttpResponseMessage response, JsonSerializerSettings settings, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync<T>(response, settings, cancellationToken).ConfigureAwait(false);
        return (body.Object, body.Text);
    }

    // The one reader of both: a generated method's read is one async step, not a wrapper around another.
    private static async Task<ObjectResponseResult<T?>> ReadBodyAsync<T>(HttpResponseMessage response, JsonSerializerSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(settings);

        // Buffered once (free when the content is already in memory), so the text can be read again for an error.
        await response.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
        T? value;
        string? text = null;
        try
        {
            // A small body is read as text (as cheap as a reader's buffers); a large one is read as a stream, never as one large string.
            using var reader = response.Content.Headers.ContentLength is <= SmallBody
                ? new JsonTextReader(new StringReader(text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)))
                : new JsonTextReader(new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), Encoding.UTF8));
            value = ReadingSerializers.GetValue(settings, CreateReadingSerializer).Deserialize<T>(reader);
        }
        catch (JsonException ex)
        {
            // Its start says what it was; a large body is not read into one string for the message.
            var start = (await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false)).Text ?? string.Empty;
            throw StrategyApiException.Unreadable(response, typeof(T), start, ex);
        }

        // The text is only needed when there is no value to explain (an empty body, or the literal null).
        return value is null
            ? new(value, text ?? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))
            : new(value, text ?? string.Empty);
    }

    private const long SmallBody = 16 * 1024;

    // What NSwag's template would write into every client, once (spec/templates/Client.Class.liquid):
    // the serializer settings, the body reader its methods call, and its parameter formatting.

    /// <summary>The JSON settings every generated client writes requests and reads answers with.</summary>
    private protected static JsonSerializerSettings JsonSerializerSettings => StrategyJson.Settings;

    /// <summary>A model read from an answer, with the text it was read from.</summary>
    private protected readonly struct ObjectResponseResult<T>
    {
        public ObjectResponseResult(T responseObject, string responseText)
        {
            Object = responseObject;
            Text = responseText;
        }

        public T Object { get; }

        public string Text { get; }
    }

    /// <summary>Reads a success answer's body for a generated method (<see cref="ReadJsonBodyAsync"/>).</summary>
    private protected static Task<ObjectResponseResult<T?>> ReadObjectResponseAsync<T>(HttpResponseMessage response, IReadOnlyDictionary<string, IEnumerable<string>> headers, CancellationToken cancellationToken) =>
        ReadBodyAsync<T>(response, JsonSerializerSettings, cancellationToken);

    /// <summary>A file answer's body as a stream, read as it arrives (never held whole: <see cref="AttemptHandler"/> leaves file answers unread).</summary>
    private protected static Task<Stream> ReadAsStreamAsync(HttpContent content, CancellationToken cancellationToken) =>
        content.ReadAsStreamAsync(cancellationToken);

    /// <summary>A path, query or header parameter as the server reads it: enums by their spec name, booleans in lower case, arrays comma-separated.</summary>
    private protected static string ConvertToString(object? value, CultureInfo cultureInfo)
    {
        switch (value)
        {
            case null:
                return string.Empty;
            case Enum:
                var name = Enum.GetName(value.GetType(), value);
                if (name is null)
                {
                    break;
                }

                var member = value.GetType().GetField(name)?.GetCustomAttributes(typeof(EnumMemberAttribute), inherit: false).OfType<EnumMemberAttribute>().FirstOrDefault();
                return member is not null ? member.Value ?? name : Convert.ToString(Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), cultureInfo), cultureInfo) ?? string.Empty;
            case bool flag:
                return flag ? "true" : "false";
            case byte[] bytes:
                return Convert.ToBase64String(bytes);
            case string[] texts:
                return string.Join(",", texts);
            case Array array:
                return string.Join(",", array.Cast<object?>().Select(item => ConvertToString(item, cultureInfo)));
        }

        return Convert.ToString(value, cultureInfo) ?? string.Empty;
    }

    // HttpMethod.Patch is missing from .NET Standard 2.0; one shared instance serves every framework.
    private static readonly HttpMethod Patch = new("PATCH");

    /// <summary>The shared instance for a method the generated code names (no new <see cref="HttpMethod"/> per call).</summary>
    /// <param name="method">The method in upper case, such as <c>GET</c>.</param>
    /// <returns>The method.</returns>
    protected static HttpMethod KnownMethod(string method) => method switch
    {
        "GET" => HttpMethod.Get,
        "POST" => HttpMethod.Post,
        "PUT" => HttpMethod.Put,
        "DELETE" => HttpMethod.Delete,
        "PATCH" => Patch,
        "HEAD" => HttpMethod.Head,
        "OPTIONS" => HttpMethod.Options,
        _ => new HttpMethod(method),
    };

    /// <summary>The response's headers and content headers, copied only when something reads them.</summary>
    /// <param name="response">The response.</param>
    /// <returns>A read-only view of the headers.</returns>
    protected static IReadOnlyDictionary<string, IEnumerable<string>> ResponseHeaders(HttpResponseMessage response) => new LazyResponseHeaders(response);

    // One serializer per settings object: creating one per call costs more than reading a small body.
    private static readonly ConditionalWeakTable<JsonSerializerSettings, JsonSerializer> ReadingSerializers = new();

    private static JsonSerializer CreateReadingSerializer(JsonSerializerSettings settings) =>
        JsonSerializer.Create(StrategyJson.ForReading(settings));

    /// <summary>
    /// The error for a success answer whose status the operation does not have, such as a login
    /// answered 200 where the spec says 204; the generated code throws it. It names the operation,
    /// the statuses it answers and what the body was (an HTML page: not the Strategy REST API).
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <param name="expected">The operation's success statuses, such as <c>204</c> or <c>200 or 202</c>.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw.</returns>
    protected static Task<StrategyApiException> UnexpectedStatusAsync(HttpResponseMessage response, string expected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        return StrategyApiException.UnexpectedStatusAsync(response, expected, cancellationToken);
    }

    /// <summary>
    /// Turns every non-success answer into a <see cref="StrategyApiException"/> before the
    /// generated code reads the body, so error handling is the same for every operation and
    /// every status, documented or not, JSON or not.
    /// </summary>
    /// <param name="client">The HTTP client that sent the request.</param>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the response is accepted.</returns>
    /// <exception cref="StrategyApiException">The server answered with an error status.</exception>
    /// <exception cref="StrategyNotSupportedException">The server is older than the operation (declared with <c>x-strategy-since</c>).</exception>
    protected virtual async Task ProcessResponseAsync(HttpClient client, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await StrategyApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            if (error is { StatusCode: 404, Kind: StrategyErrorKind.NotFound, OperationId: { } operationId }
                && StrategyRequestOptions.MinimumServerVersion(response.RequestMessage) is { } minimum)
            {
                // An older server answers an operation it lacks like an unknown object: ask its version to tell which.
                throw await ServerSupport.ExplainNotFoundAsync(client, operationId, minimum, error, cancellationToken).ConfigureAwait(false);
            }

            throw error;
        }

        if (StrategyRequestOptions.OperationId(response.RequestMessage) == ServerSupport.StatusOperationId)
        {
            // The server said which version it is: later calls of operations it lacks are refused before they are sent.
            await ServerSupport.RememberAsync(client, response, cancellationToken).ConfigureAwait(false);
        }
    }
}
