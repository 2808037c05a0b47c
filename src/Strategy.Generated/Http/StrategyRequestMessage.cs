namespace Strategy.Generated.Http;

/// <summary>
/// The request message the generated clients send: what they record about the request (its
/// operation, attempts, "no status" answer) travels in a field, so a request does not allocate
/// the options dictionary of <see cref="HttpRequestMessage"/> for it. Requests made another way
/// keep that record in their options.
/// </summary>
internal sealed class StrategyRequestMessage : HttpRequestMessage
{
    /// <summary>What the generated client and the handlers record on the request.</summary>
    internal object? Record { get; set; }
}
