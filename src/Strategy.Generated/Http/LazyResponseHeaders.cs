using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Strategy.Generated.Http;

/// <summary>
/// A response's headers as the generated code passes them around: copied into a dictionary on
/// first read (an error answer, a wrapped response's header property), not on every call. Header
/// collections stay readable after the response is disposed, so the copy can wait until asked for.
/// </summary>
internal sealed class LazyResponseHeaders(HttpResponseMessage response) : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private Dictionary<string, IEnumerable<string>>? _copy;

    private Dictionary<string, IEnumerable<string>> Copy => _copy ??= Materialize();

    public IEnumerable<string> this[string key] => Copy[key];

    public IEnumerable<string> Keys => Copy.Keys;

    public IEnumerable<IEnumerable<string>> Values => Copy.Values;

    public int Count => Copy.Count;

    public bool ContainsKey(string key) => Copy.ContainsKey(key);

#pragma warning disable CS8767 // .NET Standard 2.0 declares the interface without MaybeNullWhen; the attribute is right on every framework.
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IEnumerable<string> value) => Copy.TryGetValue(key, out value);
#pragma warning restore CS8767

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Copy.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Dictionary<string, IEnumerable<string>> Materialize()
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        foreach (var header in response.Content.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return headers;
    }
}
