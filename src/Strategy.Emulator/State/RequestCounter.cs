using System.Collections.Concurrent;

namespace Strategy.Emulator.State;

/// <summary>Counts the requests received, by method and path (without the query), for tests that count calls.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<(string Method, string Path), int> _counts = new();

    public void Record(string method, string path) => _counts.AddOrUpdate((method, path), 1, (_, count) => count + 1);

    public int Count(string method, string pathContains) =>
        _counts.Where(c => string.Equals(c.Key.Method, method, StringComparison.OrdinalIgnoreCase) && c.Key.Path.Contains(pathContains, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Value);
}
