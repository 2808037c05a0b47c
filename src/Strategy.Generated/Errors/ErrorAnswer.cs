using System.Runtime.CompilerServices;

namespace Strategy.Generated;

/// <summary>
/// An error answer's body, read once per response for everyone who looks at it (the session
/// handler deciding on a renewal, the telemetry handler tagging the code, the exception the client
/// throws): buffered, read as text and parsed a single time.
/// </summary>
/// <param name="Text">The body as text, or <see langword="null"/> when it could not be read.</param>
/// <param name="Body">What it says.</param>
internal sealed record ErrorAnswer(string? Text, ErrorBody Body)
{
    private static readonly ConditionalWeakTable<HttpResponseMessage, Task<ErrorAnswer>> Read = new();

    /// <summary>The response's error answer, read on the first call and shared by the next ones.</summary>
    public static Task<ErrorAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        lock (Read)
        {
            if (Read.TryGetValue(response, out var read) && !read.IsCanceled && !read.IsFaulted)
            {
                return read;
            }

            Read.Remove(response);
            read = ReadOnceAsync(response, cancellationToken);
            Read.Add(response, read);
            return read;
        }
    }

    private static async Task<ErrorAnswer> ReadOnceAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? text = null;
        try
        {
            // Buffered, so the generated client can still read the body as it always does.
            await response.Content.BufferAsync(cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The connection broke while the error body was read: the status alone still says what happened.
        }

        return new ErrorAnswer(text, ErrorBody.Parse(text, response.Content.Headers.ContentType?.MediaType));
    }
}
