using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>Where and how the clients registered by <c>AddStrategyClient</c> connect; binds from configuration (section <c>Strategy</c>).</summary>
public sealed class StrategyClientOptions
{
    /// <summary>The configuration section these options are usually bound from.</summary>
    public const string SectionName = "Strategy";

    /// <summary>The server, such as <c>https://host/MicroStrategyLibrary/</c>. Required.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The project every client works in. Required.</summary>
    public string? ProjectId { get; set; }

    /// <summary>How to log in. Default <see cref="LoginMode.Standard"/>.</summary>
    public LoginMode LoginMode { get; set; } = LoginMode.Standard;

    /// <summary>The login name (not used for API-token login).</summary>
    public string? Username { get; set; }

    /// <summary>The password or API token: a secret, best supplied by a secret store or an environment variable.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// A PEM file of certificate authorities to trust besides the system's: an organization's own CA,
    /// for servers on premises. Never less than the system's trust; nothing turns the check off.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>
    /// How long one call may take as a whole: the login it may need, every attempt and retry, the
    /// first byte of the answer and its whole body. Past it the call ends with
    /// <see cref="StrategyUnreachableException"/> (its <see cref="StrategyUnreachableException.TimeLimit"/>
    /// set), naming the server and what was still awaited. A workflow helper is bounded as a whole by
    /// <see cref="StrategyWaitOptions.Timeout"/> as well. Default 100 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long connecting to the server may take, each time a connection is made: a server that
    /// does not accept in time counts as a failed connection (retried, as a refused one is, since
    /// nothing was sent). Default 10 s. On the .NET Framework (the netstandard2.0 asset) the system's
    /// own connect limit applies instead.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The largest answer body a call reads, in bytes: a larger one is a
    /// <see cref="StrategyErrorKind.InvalidResponse"/> error naming this limit, read no further. Error
    /// answers are read only up to their first 64 KB in any case. Default 64 MB.
    /// </summary>
    public long MaxResponseSize { get; set; } = 64L * 1024 * 1024;

    /// <summary>How transient failures are retried.</summary>
    public StrategyRetryOptions Retry { get; set; } = StrategyRetryOptions.Default;

    /// <summary>The handlers of your own, in the order added, with where each goes.</summary>
    internal IReadOnlyList<(Func<DelegatingHandler> Create, StrategyHandlerPosition Position)> Handlers => _handlers;

    private readonly List<(Func<DelegatingHandler> Create, StrategyHandlerPosition Position)> _handlers = [];

    /// <summary>
    /// Adds a handler of your own to every client these options build, for <see cref="StrategyConnection.Create(StrategyClientOptions, Microsoft.Extensions.Logging.ILogger?, HttpMessageHandler?)"/>
    /// and <c>AddStrategyClient</c> alike (as Azure's <c>ClientOptions.AddPolicy</c> does): once per call, or
    /// once per attempt. Handlers at one position run in the order added.
    /// </summary>
    /// <param name="create">Makes a new handler each time a pipeline is built (a handler belongs to one pipeline).</param>
    /// <param name="position">Where it goes: <see cref="StrategyHandlerPosition.PerCall"/> or <see cref="StrategyHandlerPosition.PerRetry"/>.</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is not a position.</exception>
    public StrategyClientOptions AddHandler(Func<DelegatingHandler> create, StrategyHandlerPosition position)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (position is not (StrategyHandlerPosition.PerCall or StrategyHandlerPosition.PerRetry))
        {
            throw new ArgumentOutOfRangeException(nameof(position), position, "A handler goes per call or per retry.");
        }

        _handlers.Add((create, position));
        return this;
    }

    /// <summary>The credentials these options describe (the one place options become credentials).</summary>
    /// <returns>The credentials.</returns>
    public StrategyCredentials ToCredentials() =>
        LoginMode == LoginMode.ApiToken ? StrategyCredentials.ApiToken(Password ?? string.Empty) : new StrategyCredentials(LoginMode, Username, Password ?? string.Empty);

    /// <summary>The options that describe a connection given piece by piece.</summary>
    internal static StrategyClientOptions From(Uri baseUrl, StrategyCredentials credentials, string? projectId, StrategyRetryOptions? retry, string? caCertificateFile = null) => new()
    {
        CaCertificateFile = caCertificateFile,
        BaseUrl = baseUrl,
        ProjectId = projectId,
        LoginMode = credentials.LoginMode,
        Username = credentials.Username,
        Password = credentials.Password,
        Retry = retry ?? StrategyRetryOptions.Default,
    };

    /// <summary>What is wrong with these options, one sentence per setting; empty when they can connect.</summary>
    /// <param name="requireProject">Whether a project is required (every client registered by dependency injection works in one).</param>
    internal IReadOnlyList<string> Problems(bool requireProject)
    {
        var problems = new List<string>();
        if (BaseUrl is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"{SectionName}:BaseUrl must be an absolute http or https address, such as https://host/MicroStrategyLibrary/.");
        }
        else if (Strategy.Shared.ServerAddress.HasCredentials(url))
        {
            problems.Add($"{SectionName}:BaseUrl: {Strategy.Shared.ServerAddress.CarriesCredentials}");
        }

        if (requireProject && string.IsNullOrWhiteSpace(ProjectId))
        {
            problems.Add($"{SectionName}:ProjectId is required (the 32-character id of the project).");
        }

        if (LoginMode != LoginMode.ApiToken && string.IsNullOrWhiteSpace(Username))
        {
            problems.Add($"{SectionName}:Username is required for {LoginMode} login.");
        }

        if (LoginMode == LoginMode.ApiToken && string.IsNullOrEmpty(Password))
        {
            problems.Add($"{SectionName}:Password must hold the API token for ApiToken login.");
        }

        if (!string.IsNullOrWhiteSpace(CaCertificateFile) && !File.Exists(CaCertificateFile))
        {
            problems.Add($"{SectionName}:CaCertificateFile names {CaCertificateFile}, which does not exist.");
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{SectionName}:Timeout must be positive.");
        }

        if (ConnectTimeout <= TimeSpan.Zero && ConnectTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{SectionName}:ConnectTimeout must be positive.");
        }

        if (MaxResponseSize <= 0)
        {
            problems.Add($"{SectionName}:MaxResponseSize must be a positive number of bytes.");
        }

        if (Retry is null)
        {
            problems.Add($"{SectionName}:Retry must not be null.");
        }

        return problems;
    }

    /// <inheritdoc />
    public override string ToString() => $"{(BaseUrl is null ? "(no address)" : Strategy.Shared.ServerAddress.Shown(BaseUrl))} project {ProjectId} as {ToCredentials()}";
}
