using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated;

/// <summary>
/// What a later process needs to resume work this one started: the server and project, the kind of
/// work (the operation that started it), what identifies this run of it (a job and its node, a task,
/// a publish instance, the run before the start), and nothing else: no password, token or cookie,
/// and no result. As text it is short and versioned: <c>sop1.</c> and base64url JSON.
/// </summary>
public sealed class StrategyResumeToken
{
    /// <summary>The format this client writes, and the newest it reads.</summary>
    public const int Version = 1;

    private const string Prefix = "sop";

    private StrategyResumeToken(string server, string? projectId, string kind, IReadOnlyDictionary<string, string?> arguments, string? previousRun)
    {
        Server = server;
        ProjectId = projectId;
        Kind = kind;
        Arguments = arguments;
        PreviousRun = previousRun;
    }

    /// <summary>The server's address, as the connection that started the work had it (<c>https://host/MicroStrategyLibrary/</c>).</summary>
    public string Server { get; }

    /// <summary>The project the work runs in, if any.</summary>
    public string? ProjectId { get; }

    /// <summary>The kind of work: the operation that started it, such as <c>PublishCube</c>.</summary>
    public string Kind { get; }

    /// <summary>What identifies this run: the status call's arguments by name (<c>jobId</c>, <c>cubeId</c>, <c>instanceId</c>…).</summary>
    public IReadOnlyDictionary<string, string?> Arguments { get; }

    /// <summary>What identifies the run before the start (its start time), when the status is the last run's: that run is not the answer.</summary>
    public string? PreviousRun { get; }

    /// <summary>The first argument's value: the id of the work, for messages.</summary>
    public string Id => Arguments.Values.FirstOrDefault(v => v is not null) ?? Kind;

    /// <summary>Reads a token a process wrote with <see cref="ToString"/>.</summary>
    /// <param name="token">The token.</param>
    /// <returns>The token.</returns>
    /// <exception cref="StrategyResumeTokenException">It is not a token (<see cref="StrategyResumeTokenProblem.Malformed"/>), or one from a newer format (<see cref="StrategyResumeTokenProblem.NewerVersion"/>).</exception>
    public static StrategyResumeToken Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = token.Trim();
        var dot = text.IndexOf('.');
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || dot < 0
            || !int.TryParse(text[Prefix.Length..dot], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            throw Malformed("it does not start with sop<version>.");
        }

        if (version > Version)
        {
            throw new StrategyResumeTokenException(
                StrategyResumeTokenProblem.NewerVersion,
                $"The resume token is of format {version}, written by a newer version of this client; this one reads format {Version} and older. Resume it with the version that started the work, or a newer one.");
        }

        JObject json;
        try
        {
            // Text stays text: a run's start time must come back exactly as it was written.
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(FromBase64Url(text.Substring(dot + 1))))) { DateParseHandling = DateParseHandling.None };
            json = JObject.Load(reader);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw Malformed("its content cannot be read");
        }

        if ((string?)json["s"] is not { Length: > 0 } server || (string?)json["k"] is not { Length: > 0 } kind || json["a"] is not JObject arguments)
        {
            throw Malformed("it lacks the server, the kind of work or what identifies it");
        }

        return new StrategyResumeToken(
            server,
            (string?)json["p"],
            kind,
            arguments.Properties().ToDictionary(p => p.Name, p => (string?)p.Value, StringComparer.Ordinal),
            (string?)json["r"]);
    }

    /// <summary>The token of work started on <paramref name="http"/>'s server.</summary>
    internal static StrategyResumeToken For(HttpClient http, string? projectId, string kind, string? previousRun, params (string Name, string? Value)[] arguments) =>
        new(
            ServerOf(http.BaseAddress) ?? throw new InvalidOperationException("The client has no base address, so a token cannot say which server the work runs on."),
            projectId,
            kind,
            arguments.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal),
            previousRun);

    /// <summary>How a server's address is compared: scheme, host, port and path, without case or a trailing slash.</summary>
    internal static string? ServerOf(Uri? address) =>
        address is null ? null : address.GetLeftPart(UriPartial.Path).TrimEnd('/').ToLowerInvariant() + "/";

    /// <summary>Refuses a token for another server than <paramref name="address"/>, naming both.</summary>
    internal void RequireServer(Uri? address)
    {
        var here = ServerOf(address);
        if (!string.Equals(here, Server, StringComparison.Ordinal))
        {
            throw new StrategyResumeTokenException(
                StrategyResumeTokenProblem.OtherServer,
                $"The resume token is for work on {Server}, but this connection is to {here ?? "no server"}; resume it with a connection to {Server}.");
        }
    }

    /// <summary>An argument by name, or <see langword="null"/>.</summary>
    internal string? Argument(string name) => Arguments.TryGetValue(name, out var value) ? value : null;

    /// <summary>The token as text: <c>sop1.</c> and base64url JSON. It holds no secret.</summary>
    /// <returns>The token.</returns>
    public override string ToString()
    {
        var json = new JObject { ["s"] = Server, ["k"] = Kind, ["a"] = new JObject(Arguments.Select(a => new JProperty(a.Key, a.Value))) };
        if (ProjectId is not null)
        {
            json["p"] = ProjectId;
        }

        if (PreviousRun is not null)
        {
            json["r"] = PreviousRun;
        }

        return Prefix + Version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + ToBase64Url(Encoding.UTF8.GetBytes(json.ToString(Formatting.None)));
    }

    private static StrategyResumeTokenException Malformed(string why) =>
        new(StrategyResumeTokenProblem.Malformed, $"The text given is not a resume token: {why}. A token is what a command run with --no-wait printed (sop1.…).");

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
