using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated;

/// <summary>
/// What a later process needs to resume work this one started: the server and project, the kind of
/// work (the operation that started it), what identifies this run of it (a job and its node, a task,
/// a publish instance, the run before the start), and nothing else: no password, token or cookie,
/// and no result. Work made of other work (the runs an event started) holds their tokens
/// (<see cref="Parts"/>). As text it is short and versioned: <c>sop1.</c> (<c>sop2.</c> with parts)
/// and base64url JSON.
/// </summary>
public sealed class StrategyResumeToken
{
    /// <summary>The newest format this client writes and reads: 2 adds the tokens of the parts; a token without parts is still written as 1.</summary>
    public const int Version = 2;

    private const string Prefix = "sop";

    private StrategyResumeToken(string server, string? projectId, string kind, IReadOnlyDictionary<string, string?> arguments, string? previousRun, IReadOnlyList<StrategyResumeToken>? parts = null)
    {
        Server = server;
        ProjectId = projectId;
        Kind = kind;
        Arguments = arguments;
        PreviousRun = previousRun;
        Parts = parts ?? [];
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

    /// <summary>The tokens of the work this work is made of (each run an event started), each resumed as its own work; empty for most work.</summary>
    public IReadOnlyList<StrategyResumeToken> Parts { get; }

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

        return Read(json, null);
    }

    /// <summary>A token's JSON; a part takes the server, and unless it says otherwise the project, of the token it is part of.</summary>
    private static StrategyResumeToken Read(JObject json, StrategyResumeToken? whole)
    {
        var server = whole?.Server;
        if (((string?)json["s"] ?? server) is not { Length: > 0 } at || (string?)json["k"] is not { Length: > 0 } kind || json["a"] is not JObject arguments)
        {
            throw Malformed("it lacks the server, the kind of work or what identifies it");
        }

        var parts = json["c"] switch
        {
            null => null,
            JArray array when array.All(p => p is JObject) => array.Select(p => Read((JObject)p, new StrategyResumeToken(at, (string?)json["p"], kind, new Dictionary<string, string?>(), null))).ToList(),
            _ => throw Malformed("its parts cannot be read"),
        };
        return new StrategyResumeToken(
            at,
            json.TryGetValue("p", out var project) ? (string?)project : whole?.ProjectId,
            kind,
            arguments.Properties().ToDictionary(p => p.Name, p => (string?)p.Value, StringComparer.Ordinal),
            (string?)json["r"],
            parts);
    }

    /// <summary>The token of work started on <paramref name="http"/>'s server.</summary>
    internal static StrategyResumeToken For(HttpClient http, string? projectId, string kind, string? previousRun, params (string Name, string? Value)[] arguments) =>
        new(
            ServerOf(http.BaseAddress) ?? throw new InvalidOperationException("The client has no base address, so a token cannot say which server the work runs on."),
            projectId,
            kind,
            arguments.Where(a => a.Value is not null).ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal),
            previousRun);

    /// <summary>The token of work made of the work of <paramref name="parts"/> (on the same server).</summary>
    internal StrategyResumeToken WithParts(IReadOnlyList<StrategyResumeToken> parts) => new(Server, ProjectId, Kind, Arguments, PreviousRun, parts);

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

    /// <summary>The token as text: <c>sop1.</c> (<c>sop2.</c> with parts) and base64url JSON. It holds no secret.</summary>
    /// <returns>The token.</returns>
    public override string ToString()
    {
        // The oldest format that says it all, so an older client still resumes what it can.
        var version = Parts.Count > 0 ? Version : 1;
        return Prefix + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + ToBase64Url(Encoding.UTF8.GetBytes(Json(null).ToString(Formatting.None)));
    }

    private JObject Json(StrategyResumeToken? whole)
    {
        var withServer = whole is null || whole.Server != Server;
        var json = new JObject { ["k"] = Kind, ["a"] = new JObject(Arguments.Select(a => new JProperty(a.Key, a.Value))) };
        if (withServer)
        {
            json.AddFirst(new JProperty("s", Server));
        }

        if (whole is null ? ProjectId is not null : ProjectId != whole.ProjectId)
        {
            // A part in another project than its whole says so, even when it is in none.
            json["p"] = ProjectId;
        }

        if (PreviousRun is not null)
        {
            json["r"] = PreviousRun;
        }

        if (Parts.Count > 0)
        {
            // A part is on its token's server, and mostly in its project: they are not written again.
            json["c"] = new JArray(Parts.Select(p => p.Json(this)));
        }

        return json;
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
