using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated;

/// <summary>
/// Copies a file answer to the caller's stream as it arrives: the first bytes are checked against the
/// declared signature before anything is written, and a JSON answer holding the file in base64 is
/// decoded. The generated <c>x-strategy-file</c> helpers call it.
/// </summary>
internal static class StrategyFiles
{
    private const int BufferSize = 81920;

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/>, checked against <paramref name="rules"/>.</summary>
    /// <param name="source">The answer's body.</param>
    /// <param name="headers">The answer's headers (its <c>Content-Type</c> says whether it is JSON).</param>
    /// <param name="destination">Where the file goes; flushed, left open.</param>
    /// <param name="rules">What the file must be.</param>
    /// <param name="export">What is exported, for messages ("PDF of document 27D1…").</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <returns>How many bytes were written.</returns>
    /// <exception cref="StrategyExportException">The answer is empty, not the file asked for, or JSON that holds no file.</exception>
    public static async Task<long> CopyAsync(Stream source, IReadOnlyDictionary<string, IEnumerable<string>> headers, Stream destination, StrategyFileRules rules, string export, CancellationToken cancellationToken)
    {
        if (rules.Base64Field is { } field && IsJson(headers))
        {
            return await CopyBase64Async(source, field, destination, rules, export, cancellationToken).ConfigureAwait(false);
        }

        var buffer = new byte[BufferSize];
        long total = 0;
        var first = true;
        int read;
        while ((read = await ReadSomeAsync(source, buffer, first ? rules.Signature.Length : 0, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (first)
            {
                Check(buffer, read, rules, export);
                first = false;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            total += read;
        }

        if (first)
        {
            throw new StrategyExportException(export, "the server answered an empty file.");
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return total;
    }

    /// <summary>Reads up to a buffer, but at least <paramref name="atLeast"/> bytes unless the file ends first (so the signature is seen whole).</summary>
    private static async Task<int> ReadSomeAsync(Stream source, byte[] buffer, int atLeast, CancellationToken cancellationToken)
    {
        var filled = 0;
        do
        {
            var read = await source.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }
        while (filled < atLeast);
        return filled;
    }

    private static async Task<long> CopyBase64Async(Stream source, string field, Stream destination, StrategyFileRules rules, string export, CancellationToken cancellationToken)
    {
        // The base64 form is one JSON value: it is held once, as the server sent it, then decoded.
        JObject? answer;
        using (var reader = new StreamReader(source))
        {
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                answer = JsonConvert.DeserializeObject<JObject>(text, StrategyJson.ReadingSettings);
            }
            catch (JsonException e)
            {
                throw new StrategyExportException(export, "the server's answer is neither a file nor JSON that holds one.", e);
            }
        }

        var data = answer?[field] is JValue { Type: JTokenType.String } value ? (string?)value : null;
        if (data is null)
        {
            throw new StrategyExportException(export, $"the server's JSON answer holds no file (no \"{field}\").");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(data);
        }
        catch (FormatException e)
        {
            throw new StrategyExportException(export, "the server's JSON answer holds no valid base64 file.", e);
        }

        Check(bytes, bytes.Length, rules, export);
        await destination.WriteAsync(bytes.AsMemory(), cancellationToken).ConfigureAwait(false);
        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return bytes.Length;
    }

    private static bool IsJson(IReadOnlyDictionary<string, IEnumerable<string>> headers) =>
        headers.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)
                         && h.Value.Any(t => t.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)));

    private static void Check(byte[] bytes, int length, StrategyFileRules rules, string export)
    {
        var signature = rules.Signature;
        if (length == 0)
        {
            throw new StrategyExportException(export, "the server answered an empty file.");
        }

        if (length < signature.Length || !bytes.AsSpan(0, signature.Length).SequenceEqual(signature))
        {
            throw new StrategyExportException(export, $"the server answered a file that is not {rules.What}.");
        }
    }
}
