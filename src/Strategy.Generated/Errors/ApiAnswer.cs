using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>What a <see cref="StrategyApiException"/> is made of: the answer as read, whoever read it, its headers redacted.</summary>
internal sealed record ApiAnswer(
    int StatusCode,
    (string? Id, string? Request) Operation,
    ErrorBody Body,
    string? Text,
    byte[]? Bytes,
    IReadOnlyDictionary<string, IEnumerable<string>> Headers,
    TimeSpan? RetryAfter)
{
    /// <summary>Reads an answer's status, body (its first 64 KB), headers and Retry-After.</summary>
    public static async Task<ApiAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var read = await ErrorAnswer.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        return new ApiAnswer(
            (int)response.StatusCode,
            RequestDescription.Of(response.RequestMessage),
            read.Body,
            read.Text,
            read.Bytes,
            RedactedHeaders.Of(response),
            RetryAfterHeader.Read(response.Headers.RetryAfter, TimeProvider.System));
    }
}
