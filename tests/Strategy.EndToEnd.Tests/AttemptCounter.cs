using System.Collections.Concurrent;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Counts the attempts that reach the transport, added as a per-retry handler: a retry is a second
/// attempt. Tests count attempts where they would otherwise time a call.
/// </summary>
internal sealed class AttemptCounter : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _paths = new();

    /// <summary>How many attempts were sent.</summary>
    public int Count => _paths.Count;

    /// <summary>How many attempts were sent to a path containing <paramref name="part"/>.</summary>
    public int To(string part) => _paths.Count(p => p.Contains(part, StringComparison.Ordinal));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _paths.Enqueue(request.RequestUri?.AbsolutePath ?? string.Empty);
        return base.SendAsync(request, cancellationToken);
    }
}
