using System.Buffers;
namespace Strategy.Generated.Http;

/// <summary>
/// One attempt, as the transport answers it, turned into what the handlers above work with. The
/// innermost handler, and one async step for all of it (a handler per concern would cost an async
/// step each on every call):
/// <list type="bullet">
/// <item>The answer's body is read within its attempt, as Azure.Core's response body policy does, so
/// the attempt's time limit and the retries cover the body too: a body that trickles in is cut with
/// its attempt, and a connection reset in the middle of an idempotent answer is retried. Bodies are
/// bounded in size: a success body over <see cref="StrategyClientOptions.MaxResponseSize"/> is an
/// <see cref="StrategyErrorKind.InvalidResponse"/> error naming the limit, and of an error answer
/// only the first <see cref="MaxErrorBodySize"/> bytes are kept (any real error fits) while the rest
/// is dropped unread, so one call's memory stays flat whatever the server sends.</item>
/// <item>A refused server certificate (or a server that does not speak TLS) is a
/// <see cref="StrategyCertificateException"/> that says why: not transient, so never retried, and
/// not "unreachable".</item>
/// <item>Each attempt spends the wait's connection budget (<see cref="ConnectionFailureBudget"/>), so a
/// dead server is given up on after the budget, not after retries times status calls; and reports to
/// the time limits watching it (<see cref="CallWatch"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The body is kept in memory as the content of the answer (with its headers), which is how the
/// generated clients read it. Content already in memory (a test's handler) is left as it is.
/// </remarks>
internal sealed class AttemptHandler(long maxResponseSize, ServerCertificates certificates) : DelegatingHandler
{
    /// <summary>How much of an error answer's body is kept: enough for any error a server sends.</summary>
    public const int MaxErrorBodySize = 64 * 1024;

    private const int ChunkSize = 16 * 1024;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        CallWatch.Sending(request);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            response.RequestMessage ??= request;
            if (response.Content is not (null or ByteArrayContent) && !IsFileAnswer(request, response))
            {
                // A file is streamed to the caller's destination as it arrives, under the export's limit.
                await KeepInMemoryAsync(request, response, response.IsSuccessStatusCode ? maxResponseSize : MaxErrorBodySize, cancellationToken).ConfigureAwait(false);
            }

            ConnectionFailureBudget.Current?.RecordAttemptAnswer();
            return response;
        }
        catch (Exception ex)
        {
            response?.Dispose();
            var refused = response is null ? Refused(request, ex) : null;
            if (refused is null && TransportErrors.IsConnectionFailure(ex))
            {
                ConnectionFailureBudget.Current?.RecordAttemptFailure(request.RequestUri);
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                CallWatch.Failed(request, refused ?? ex);
            }

            if (refused is not null)
            {
                throw refused;
            }

            throw;
        }
    }

    private StrategyCertificateException? Refused(HttpRequestMessage request, Exception failure)
    {
        if (request.RequestUri is not { Scheme: "https" } uri || failure is not HttpRequestException || !TransportErrors.IsSecureConnectionFailure(failure))
        {
            return null;
        }

        var server = uri.GetLeftPart(UriPartial.Authority);
        return certificates.Refusal(uri.Host) is { } refusal
            ? new StrategyCertificateException(server, refusal.Problem, refusal.Details, failure)
            : new StrategyCertificateException(server, StrategyCertificateProblem.NotTls, null, failure);
    }

    /// <summary>
    /// Whether a success answer is a file to stream: the request asked for bytes
    /// (<c>Accept: application/octet-stream</c>) and the answer is neither JSON nor an HTML page. A server that
    /// answers the base64 form instead (JSON) is read into memory within the size limit, as any answer.
    /// </summary>
    internal static bool IsFileAnswer(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode || !request.Headers.Accept.Any(a => string.Equals(a.MediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var type = response.Content.Headers.ContentType?.MediaType;
        return type is null || !(type.EndsWith("json", StringComparison.OrdinalIgnoreCase) || type.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the body of <paramref name="response"/> into memory, in its place (same headers). A
    /// success body over <paramref name="limit"/> fails as too large; of any other answer the first
    /// <paramref name="limit"/> bytes are kept and the rest is dropped unread.
    /// </summary>
    /// <exception cref="StrategyApiException">A success body is larger than <paramref name="limit"/> (<see cref="StrategyErrorKind.InvalidResponse"/>).</exception>
    /// <exception cref="HttpRequestException">The connection broke while a success body was read.</exception>
    internal static async Task KeepInMemoryAsync(HttpRequestMessage request, HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        var content = response.Content;
        var success = response.IsSuccessStatusCode;
        var declared = content.Headers.ContentLength;
        if (success && declared > limit)
        {
            throw TooLarge(response, limit, declared);
        }

        var kept = new MemoryStream(declared is { } known ? (int)Math.Min(known, limit) : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        long total = 0;
        var cut = false;
        CallWatch.Reading(request, 0);

        // Ends a read in progress on every framework (the .NET Framework's streams do not all heed the token).
        using (cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
        {
            try
            {
                using var stream = await HttpPlatform.ReadAsStreamAsync(content, cancellationToken).ConfigureAwait(false);
                while (true)
                {
                    var read = await stream.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    CallWatch.Reading(request, total);
                    if (total > limit)
                    {
                        if (success)
                        {
                            throw TooLarge(response, limit, declared);
                        }

                        // The start of an error says what it is; the rest is dropped unread with the connection.
                        kept.Write(chunk, 0, read - (int)(total - limit));
                        cut = true;
                        break;
                    }

                    kept.Write(chunk, 0, read);
                }
            }
            catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not StrategyApiException)
            {
                throw new OperationCanceledException("The answer's body was still arriving when the call was cancelled.", ex, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException)
            {
                if (success)
                {
                    // The answer broke off: for an idempotent request the retry handler sends it again.
                    throw new HttpRequestException(FormattableString.Invariant($"The connection broke while the answer was read ({ByteSize.Words(total)} of its body had arrived)."), ex);
                }

                // An error answer whose body broke off: its status and what arrived still say what happened.
                cut = true;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        var inMemory = new ByteArrayContent(kept.GetBuffer(), 0, (int)kept.Length);
        foreach (var header in content.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                inMemory.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = inMemory;
        content.Dispose();
        if (cut)
        {
            StrategyRequestOptions.SetAnswerCut(request, kept.Length, declared);
        }
    }

    private static StrategyApiException TooLarge(HttpResponseMessage response, long limit, long? declared) =>
        StrategyApiException.TooLarge(
            response,
            FormattableString.Invariant($"the answer's body is larger than the limit of {ByteSize.Words(limit)} (StrategyClientOptions.MaxResponseSize){(declared is { } size ? $": the server announced {ByteSize.Words(size)}" : string.Empty)}"));
}
