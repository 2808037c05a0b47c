namespace Strategy.Generated.Http;

/// <summary>
/// Bounds each call in time as a whole (<see cref="StrategyClientOptions.Timeout"/>): the login it
/// may need, every attempt and retry delay, the first byte of the answer and a body that trickles
/// in. When the limit runs out the call ends with <see cref="StrategyUnreachableException"/> naming
/// the server, the limit and what was still awaited, never with a bare cancellation; so does a call
/// whose connections failed (the transport's failure is its inner exception). A caller's own
/// cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>Outermost in the pipeline, so the session's login and renewal count against the call that needed them.</remarks>
internal sealed class StrategyCallLimitHandler(TimeSpan limit, TimeProvider time) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (callLimit, reported) = TimeBudget.ForCall(limit);

        // The request is named only if the limit cuts it: not a string built on every call.
        return CallLimit.RunAsync(callLimit, time, request, operation: null, static (call, ct) => call.Handler.SendNextAsync(call.Request, ct), (Handler: this, Request: request), cancellationToken, reported);
    }

    private Task<HttpResponseMessage> SendNextAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);
}
