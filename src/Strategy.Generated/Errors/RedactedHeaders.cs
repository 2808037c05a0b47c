using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>Headers of an answer as an exception keeps them: copied, with every secret header's value replaced, so no token reaches a log or a message.</summary>
internal static class RedactedHeaders
{
    /// <summary>The headers of <paramref name="response"/> and its content, secrets (a session token, a cookie) replaced.</summary>
    public static Dictionary<string, IEnumerable<string>> Of(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()))
        {
            headers[header.Key] = header.Value;
        }

        return Of(headers);
    }

    /// <summary>A copy of <paramref name="headers"/>, secrets replaced.</summary>
    public static Dictionary<string, IEnumerable<string>> Of(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
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
}
