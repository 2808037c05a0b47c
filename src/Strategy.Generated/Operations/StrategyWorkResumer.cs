namespace Strategy.Generated;

/// <summary>
/// Resumes work from its resume token for code that gets its clients from dependency injection
/// (<c>AddStrategyClient</c> registers it): the same as <see cref="StrategyConnection.ResumeAsync"/>,
/// on the container's pipeline and session.
/// </summary>
public sealed class StrategyWorkResumer
{
    private readonly Func<HttpClient> _http;

    internal StrategyWorkResumer(Func<HttpClient> http) => _http = http;

    /// <summary>Resumes the work a token names: one status call at once.</summary>
    /// <param name="token">The resume token.</param>
    /// <param name="cancellationToken">Cancels the status call.</param>
    /// <returns>The operation, with its status read.</returns>
    /// <exception cref="StrategyResumeTokenException">The token is malformed, from a newer format, for another server, or of a kind this client does not know.</exception>
    public Task<StrategyWork> ResumeAsync(string token, CancellationToken cancellationToken = default) => ResumeOnAsync(_http(), token, cancellationToken);

    /// <summary>The one resume: read the token, refuse another server's before anything is sent, make the operation, read its status once.</summary>
    internal static async Task<StrategyWork> ResumeOnAsync(HttpClient http, string token, CancellationToken cancellationToken)
    {
        var parsed = StrategyResumeToken.Parse(token);
        parsed.RequireServer(http.BaseAddress);
        var work = StrategyResumers.Resume(http, parsed) ?? ResumeEventRuns(http, parsed)
            ?? throw new StrategyResumeTokenException(StrategyResumeTokenProblem.UnknownKind, $"The resume token is for work of kind {ServerText.Clean(parsed.Kind, 60)}, which this client cannot resume.");
        try
        {
            await work.UpdateStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The resume gave up its wait (the status could not be read, or it was cancelled): as a wait
            // given up does, it releases what the work holds (a publish instance), then the cause goes on.
            await work.ReleaseAsync().ConfigureAwait(false);
            throw;
        }

        return work;
    }

    /// <summary>The runs an event started: their start is written by hand (no <c>x-strategy-start</c> declares it, as the trigger answers nothing of them).</summary>
    private static StrategyWork<IReadOnlyList<StrategySubscriptionRun>>? ResumeEventRuns(HttpClient http, StrategyResumeToken token) =>
        token.Kind == StrategyWorkKinds.TriggerEvent ? new EventsClient(http) { ProjectId = token.ProjectId }.WorkOfTriggerEvent(token) : null;
}
