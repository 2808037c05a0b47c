namespace Strategy.Generated.Http;

/// <summary>
/// What a piece of work with a time limit (one call through the pipeline, or the calls a workflow
/// makes before it waits) is waiting on at this moment: which request, and whether its answer had
/// begun to arrive. When the limit cuts the work, the message names that request (the login a
/// call needed, say) instead of the call the caller made.
/// </summary>
/// <remarks>
/// A workflow's watch is in scope for the async flow (an <see cref="AsyncLocal{T}"/>); one call's
/// watch travels on its request instead, as setting an async-local costs a copy of the execution
/// context on every call. Either way watches nest: the body handler reports each attempt to the
/// request's watch and every watch around it. A login the session makes for a call adopts the
/// call's watch for its flow (<see cref="Adopt"/>), so a cut names the login. Concurrent requests
/// under one watch (prefetched pages) report to it in turn; the last one is named.
/// </remarks>
internal sealed class CallWatch
{
    private static readonly AsyncLocal<CallWatch?> Ambient = new();

    private readonly CallWatch? _outer;
    private HttpRequestMessage? _request;
    private long _bytesRead = NoAnswerYet;
    private int _attemptInFlight;
    private int _failedAttempts;
    private string? _lastFailure;

    private const long NoAnswerYet = -1;

    private CallWatch(CallWatch? outer) => _outer = outer;

    /// <summary>Starts watching the calls made in this async flow until the scope is disposed.</summary>
    public static Scope Begin(out CallWatch watch)
    {
        var outer = Ambient.Value;
        watch = new CallWatch(outer);
        Ambient.Value = watch;
        return new Scope(outer);
    }

    /// <summary>Starts watching one call: the watch travels on <paramref name="request"/> (and a resend of it), inside the watches in scope.</summary>
    public static Scope ForRequest(HttpRequestMessage request, out CallWatch watch)
    {
        watch = new CallWatch(Ambient.Value);
        StrategyRequestOptions.SetWatch(request, watch);
        return default;
    }

    /// <summary>
    /// Puts the watch of <paramref name="request"/> in scope until disposed, so the requests made on
    /// its behalf in this flow (the login it needs) report to it.
    /// </summary>
    public static Scope Adopt(HttpRequestMessage request)
    {
        var outer = Ambient.Value;
        if (StrategyRequestOptions.Watch(request) is not { } watch || ReferenceEquals(watch, outer))
        {
            return default;
        }

        Ambient.Value = watch;
        return new Scope(outer);
    }

    // The request's own watch, whose chain holds the watches around it; else those in scope.
    private static CallWatch? First(HttpRequestMessage request) => StrategyRequestOptions.Watch(request) ?? Ambient.Value;

    /// <summary>An attempt of <paramref name="request"/> is being sent; its answer has not begun.</summary>
    public static void Sending(HttpRequestMessage request)
    {
        for (var watch = First(request); watch is not null; watch = watch._outer)
        {
            if (!ReferenceEquals(Volatile.Read(ref watch._request), request))
            {
                // Another request: what failed before was another call's.
                Interlocked.Exchange(ref watch._failedAttempts, 0);
                Volatile.Write(ref watch._lastFailure, null);
            }

            Volatile.Write(ref watch._request, request);
            Interlocked.Exchange(ref watch._bytesRead, NoAnswerYet);
            Interlocked.Exchange(ref watch._attemptInFlight, 1);
        }
    }

    /// <summary>An attempt of <paramref name="request"/> failed (a retry may follow): what failed is what a cut names.</summary>
    public static void Failed(HttpRequestMessage request, Exception failure)
    {
        for (var watch = First(request); watch is not null; watch = watch._outer)
        {
            if (ReferenceEquals(Volatile.Read(ref watch._request), request))
            {
                Volatile.Write(ref watch._lastFailure, ServerText.Clean(failure.Message));
                Interlocked.Increment(ref watch._failedAttempts);
                Interlocked.Exchange(ref watch._attemptInFlight, 0);
            }
        }
    }

    /// <summary>The answer to <paramref name="request"/> has begun: <paramref name="bytesRead"/> bytes of its body so far.</summary>
    public static void Reading(HttpRequestMessage request, long bytesRead)
    {
        for (var watch = First(request); watch is not null; watch = watch._outer)
        {
            if (ReferenceEquals(Volatile.Read(ref watch._request), request))
            {
                Interlocked.Exchange(ref watch._bytesRead, bytesRead);
            }
        }
    }

    /// <summary>The request last sent under this watch, if any.</summary>
    public HttpRequestMessage? Request => Volatile.Read(ref _request);

    /// <summary>The server (scheme, host and port) of the request last sent, if any.</summary>
    public string? Server => Request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.GetLeftPart(UriPartial.Authority) : null;

    /// <summary>
    /// What the work was waiting for when it was cut, in words: <c>Login (POST api/auth/login) got no answer</c>,
    /// or <c>the answer to ListSchedules (GET api/v2/schedules) was still arriving (12 KB of its body read)</c>;
    /// about <paramref name="own"/> itself, <c>no answer came</c>. <see langword="null"/> when nothing was sent.
    /// </summary>
    /// <param name="own">The request the limit belongs to, if it is one call's.</param>
    public string? Describe(HttpRequestMessage? own = null)
    {
        if (Request is not { } request)
        {
            return null;
        }

        var read = Interlocked.Read(ref _bytesRead);
        var isOwn = IsSame(request, own);
        var failed = Volatile.Read(ref _failedAttempts);
        var earlier = failed == 0 || Volatile.Read(ref _lastFailure) is not { } failure
            ? string.Empty
            : FormattableString.Invariant($"{(failed == 1 ? "an attempt" : failed + " attempts")} before failed: {failure.TrimEnd('.')}");
        if (Volatile.Read(ref _attemptInFlight) == 0 && earlier.Length > 0)
        {
            // Cut between attempts (a retry's delay): the failures are what happened.
            return (isOwn ? string.Empty : RequestDescription.Describe(request) + ": ") + earlier;
        }

        var now = isOwn
            ? (read == NoAnswerYet ? "no answer came" : "its answer was still arriving (" + ByteSize.Words(read) + " of its body read)")
            : (read == NoAnswerYet
                ? RequestDescription.Describe(request) + " got no answer"
                : "the answer to " + RequestDescription.Describe(request) + " was still arriving (" + ByteSize.Words(read) + " of its body read)");
        return earlier.Length == 0 ? now : now + "; " + earlier;
    }

    // A resend after a session renewal is a copy of the caller's request: the same call.
    private static bool IsSame(HttpRequestMessage sent, HttpRequestMessage? own) =>
        own is not null && (ReferenceEquals(sent, own) || (sent.Method == own.Method && sent.RequestUri == own.RequestUri));

    /// <summary>Restores the watch that was in scope before (nothing, when this scope put none in scope).</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly CallWatch? _outer;
        private readonly bool _restores;

        public Scope(CallWatch? outer)
        {
            _outer = outer;
            _restores = true;
        }

        /// <inheritdoc />
        public void Dispose()
        {
            if (_restores)
            {
                Ambient.Value = _outer;
            }
        }
    }
}
