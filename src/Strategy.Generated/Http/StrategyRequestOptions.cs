namespace Strategy.Generated.Http;

/// <summary>
/// What the generated client records on a request for the handlers and errors further on: one
/// object under one key (the operation, its path template, the first server version that has it,
/// and how many times the retry handler sent it), so a request carries a single entry.
/// </summary>
internal static class StrategyRequestOptions
{
    private const string InfoKeyName = "Strategy.Request";

    public static void SetOperation(HttpRequestMessage request, string operationId, string? pathTemplate, string? minimumServerVersion) =>
        Store(request, new RequestInfo(operationId, pathTemplate, minimumServerVersion));

    /// <summary>The operationId the generated client recorded, or <see langword="null"/> for a request made another way.</summary>
    public static string? OperationId(HttpRequestMessage? request) => Info(request)?.OperationId;

    /// <summary>The first server version that has the operation, when the spec declares one (<c>x-strategy-since</c>).</summary>
    public static string? MinimumServerVersion(HttpRequestMessage? request) => Info(request)?.MinimumServerVersion;

    /// <summary>The operation's path as the spec writes it (<c>api/subscriptions/{subscriptionId}</c>): low-cardinality, for span names.</summary>
    public static string? PathTemplate(HttpRequestMessage? request) => Info(request)?.PathTemplate;

    /// <summary>Records the error answer the spec says means "no status yet" for this operation (<c>x-strategy-wait.noStatus</c>).</summary>
    public static void SetNoStatusAnswer(HttpRequestMessage request, NoStatusAnswer answer)
    {
        if (Info(request) is { } info)
        {
            info.NoStatus = answer;
        }
    }

    /// <summary>The error answer that means "no status yet" for this request's operation, when the spec declares one.</summary>
    public static NoStatusAnswer? NoStatus(HttpRequestMessage? request) => Info(request)?.NoStatus;

    /// <summary>Records that the answer's body was cut at the error limit (or broke off), and the length the server announced, if it did.</summary>
    public static void SetAnswerCut(HttpRequestMessage request, long kept, long? announcedLength)
    {
        if (Info(request) is not { } info)
        {
            info = new RequestInfo(null, null, null);
            Store(request, info);
        }

        info.AnswerCut = new AnswerCut(kept, announcedLength);
    }

    /// <summary>Whether the answer's body was cut short (and how long the server said it was), or <see langword="null"/> when it was read whole.</summary>
    public static AnswerCut? AnswerCut(HttpRequestMessage? request) => Info(request)?.AnswerCut;

    /// <summary>How many times the retry handler already sent this request (0 for the first attempt).</summary>
    public static int Attempt(HttpRequestMessage request) => Info(request)?.Attempts is > 0 and var attempts ? attempts - 1 : 0;

    /// <summary>Counts one more attempt and answers how many came before it.</summary>
    public static int NextAttempt(HttpRequestMessage request)
    {
        if (Info(request) is not { } info)
        {
            // A request the generated client did not make: count it all the same.
            info = new RequestInfo(null, null, null);
            Store(request, info);
        }

        return Interlocked.Increment(ref info.Attempts) - 1;
    }

    /// <summary>Records the watch of the call this request is, for the time limit that cuts it (<see cref="CallWatch.ForRequest"/>).</summary>
    public static void SetWatch(HttpRequestMessage request, CallWatch watch)
    {
        if (Info(request) is not { } info)
        {
            info = new RequestInfo(null, null, null);
            Store(request, info);
        }

        info.Watch = watch;
    }

    /// <summary>The watch of the call this request is, if a time limit watches it.</summary>
    public static CallWatch? Watch(HttpRequestMessage? request) => Info(request)?.Watch;

    /// <summary>
    /// Gives the resend of a request after a session renewal what the original recorded, with its
    /// attempts counted afresh: a resend with a new token is not a retry of a failed attempt.
    /// </summary>
    public static void StartResend(HttpRequestMessage original, HttpRequestMessage resend)
    {
        if (Info(original) is { } info)
        {
            Store(resend, new RequestInfo(info.OperationId, info.PathTemplate, info.MinimumServerVersion) { NoStatus = info.NoStatus, Watch = info.Watch });
        }
    }

    private static RequestInfo? Info(HttpRequestMessage? request) => request is null ? null : Stored(request);

    private static void Store(HttpRequestMessage request, RequestInfo info)
    {
        if (request is StrategyRequestMessage message)
        {
            message.Record = info;
        }
        else
        {
            HttpPlatform.SetProperty(request, InfoKeyName, info);
        }
    }

    private static RequestInfo? Stored(HttpRequestMessage request) =>
        request is StrategyRequestMessage message ? message.Record as RequestInfo : HttpPlatform.GetProperty<RequestInfo>(request, InfoKeyName);

    private sealed class RequestInfo(string? operationId, string? pathTemplate, string? minimumServerVersion)
    {
        public int Attempts;

        public string? OperationId { get; } = operationId;

        public string? PathTemplate { get; } = pathTemplate;

        public string? MinimumServerVersion { get; } = minimumServerVersion;

        public NoStatusAnswer? NoStatus { get; set; }

        public AnswerCut? AnswerCut { get; set; }

        public CallWatch? Watch { get; set; }
    }
}

