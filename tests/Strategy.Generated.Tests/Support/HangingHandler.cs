namespace Strategy.Generated.Tests.Support;

/// <summary>
/// A server that answers the requests <c>answer</c> gives an answer for and holds every other until the
/// client cancels it: a call that really hangs. Counts the requests it got and those cancelled.
/// </summary>
/// <param name="answer">The answer to a request, by the request and its number (from 1); <see langword="null"/> to hold it.</param>
internal sealed class HangingHandler(Func<HttpRequestMessage, int, HttpResponseMessage?> answer) : HttpMessageHandler
{
    private int _started;
    private int _cancelled;

    /// <summary>The requests it got.</summary>
    public int Started => Volatile.Read(ref _started);

    /// <summary>The requests held until the client cancelled them.</summary>
    public int Cancelled => Volatile.Read(ref _cancelled);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (answer(request, Interlocked.Increment(ref _started)) is { } answered)
        {
            return answered;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("never answered");
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }
}
