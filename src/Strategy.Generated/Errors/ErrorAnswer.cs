using System.Runtime.CompilerServices;
using System.Text;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// An error answer's body, read once per response for everyone who looks at it (the session
/// handler deciding on a renewal, the telemetry handler tagging the code, the exception the client
/// throws): at most its first <see cref="AttemptHandler.MaxErrorBodySize"/> bytes, kept in
/// memory, decoded and parsed a single time.
/// </summary>
/// <param name="Bytes">The body as the server sent it (its start, when it was longer), or <see langword="null"/> when it could not be read.</param>
/// <param name="Text">The body as text, or <see langword="null"/> when it could not be read.</param>
/// <param name="Body">What it says.</param>
internal sealed record ErrorAnswer(byte[]? Bytes, string? Text, ErrorBody Body)
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
        byte[]? bytes = null;
        string? text = null;
        try
        {
            // In memory already behind the pipeline's body handler; a client on a bare HttpClient reads the same bounded start.
            if (response.Content is not ByteArrayContent && response.RequestMessage is { } request)
            {
                await AttemptHandler.KeepInMemoryAsync(request, response, AttemptHandler.MaxErrorBodySize, cancellationToken).ConfigureAwait(false);
            }

            bytes = await StartOfAsync(response.Content, cancellationToken).ConfigureAwait(false);
            text = Decode(bytes, response.Content.Headers.ContentType?.CharSet);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or ObjectDisposedException)
        {
            // The connection broke while the error body was read, or a large success answer that could not be
            // read was a stream, read once already (a client on a bare HttpClient): the status alone still says what happened.
        }

        var cut = StrategyRequestOptions.AnswerCut(response.RequestMessage);
        return new ErrorAnswer(bytes, text, ErrorBody.Parse(text, response.Content.Headers.ContentType?.MediaType, cut));
    }

    /// <summary>The first <see cref="AttemptHandler.MaxErrorBodySize"/> bytes of content in memory (a success answer read as an error may be larger).</summary>
    private static async Task<byte[]> StartOfAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await HttpPlatform.ReadAsStreamAsync(content, cancellationToken).ConfigureAwait(false);
        var start = new byte[Math.Min(content.Headers.ContentLength ?? AttemptHandler.MaxErrorBodySize, AttemptHandler.MaxErrorBodySize)];
        var filled = 0;
        while (filled < start.Length)
        {
            var read = await stream.ReadAsync(start.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == start.Length ? start : start.AsSpan(0, filled).ToArray();
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        Encoding encoding;
        try
        {
            encoding = string.IsNullOrEmpty(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset!.Trim('"'));
        }
        catch (ArgumentException)
        {
            // A charset the runtime does not know: UTF-8 shows most of it.
            encoding = Encoding.UTF8;
        }

        return encoding.GetString(bytes);
    }
}
