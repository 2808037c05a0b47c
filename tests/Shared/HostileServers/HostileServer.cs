using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Strategy.Tests.Shared;

/// <summary>
/// A small HTTP server on 127.0.0.1 that misbehaves in one way (<see cref="HostileBehaviour"/>), the
/// way broken servers, proxies and single sign-on gateways do. It speaks HTTP/1.1 on a raw socket, so
/// it can do what a real web framework would not: never answer, drip bytes, reset mid-answer.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    /// <summary>The path every Strategy address here has, as a Tomcat-hosted Library does.</summary>
    public const string PathBase = "/MicroStrategyLibrary";

    /// <summary>The session token the refused-session server hands out at login.</summary>
    public const string IssuedToken = "hostile-token-5f1c";

    /// <summary>The session cookie the refused-session server sets at login.</summary>
    public const string IssuedCookie = "JSESSIONID=hostile-cookie-9a7e";

    /// <summary>The escape sequences the junk answers carry: set the terminal's title, clear the screen, turn text red.</summary>
    public const string TerminalEscapes = "\u001b]0;owned\u0007\u001b[2J\u001b[31m";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _accepting;
    private long _bytesSent;
    private int _openSessions;

    private HostileServer(HostileBehaviour behaviour)
    {
        Behaviour = behaviour;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Root = new Uri($"http://127.0.0.1:{port}/");
        BaseUrl = new Uri(Root, PathBase + "/");
        _accepting = AcceptAsync();
    }

    /// <summary>How this server misbehaves.</summary>
    public HostileBehaviour Behaviour { get; }

    /// <summary>The address a client is pointed at: the server's root plus <see cref="PathBase"/>, ending with a slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The server's root (scheme, host and port).</summary>
    public Uri Root { get; }

    /// <summary>Where the sign-in page of <see cref="HostileBehaviour.RedirectToSignIn"/> is.</summary>
    public Uri SignInPage => new(Root, "sso/authorize?client=strategy");

    /// <summary>The size of the huge error page and of the huge success answer.</summary>
    public static long HugeSize { get; } = 200L * 1024 * 1024;

    /// <summary>The size of the junk answer.</summary>
    public static long JunkSize { get; } = 10L * 1024 * 1024;

    /// <summary>Every request line received so far (<c>POST /MicroStrategyLibrary/api/auth/login</c>).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>How many logins were asked for.</summary>
    public int LoginCount => _requests.Count(r => r.EndsWith("/api/auth/login", StringComparison.Ordinal));

    /// <summary>
    /// Sessions this server handed out and still counts as open: what a client left here. A logout request
    /// ends one whatever this server answers it (its behaviour may be to answer nothing well); so does an
    /// answer that tells the client its session has expired.
    /// </summary>
    public int OpenSessions => Volatile.Read(ref _openSessions);

    /// <summary>The secrets this server hands out (the token and the cookie's value), for rows that search for them.</summary>
    public static IReadOnlyList<string> IssuedSecrets { get; } = [IssuedToken, IssuedCookie.Split('=')[1]];

    /// <summary>How many bytes of answers were written to clients (a client that stops reading stops this).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Starts a server that misbehaves as <paramref name="behaviour"/> says.</summary>
    public static HostileServer Start(HostileBehaviour behaviour) => new(behaviour);

    /// <summary>A short name for the behaviour, for fault matrix rows and test names.</summary>
    public static string Describe(HostileBehaviour behaviour) => behaviour switch
    {
        HostileBehaviour.Silent => "server accepts, never answers",
        HostileBehaviour.DrippingHeaders => "server drips its headers",
        HostileBehaviour.JunkWithEscapes => "10 MB of junk with terminal escapes",
        HostileBehaviour.WrongPath => "HTML 404 (wrong base path)",
        HostileBehaviour.RedirectToSignIn => "redirect to a sign-in page",
        HostileBehaviour.HugeErrorPage => "200 MB HTML error page",
        HostileBehaviour.HugeSuccess => "200 MB success answer",
        HostileBehaviour.TricklingBody => "body trickles in",
        HostileBehaviour.ResetMidAnswer => "connection reset mid-answer",
        HostileBehaviour.RefusedSession => "session refused after every login",
        HostileBehaviour.BadGateway => "proxy answers 502 Bad Gateway",
        HostileBehaviour.GatewayTimeout => "proxy answers 504 Gateway Timeout",
        _ => behaviour.ToString(),
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var connection = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _connections.Add(connection);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        try
        {
            connection.NoDelay = true;
            var stream = connection.GetStream();
            while (!_stopping.IsCancellationRequested)
            {
                var request = await ReadRequestAsync(stream, _stopping.Token);
                if (request is null)
                {
                    return;
                }

                _requests.Enqueue($"{request.Method} {request.Path}");
                if (!await AnswerAsync(connection, stream, request, _stopping.Token))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server stopped.
        }
        finally
        {
            connection.Dispose();
        }
    }

    /// <summary>Answers one request; whether the connection may carry another.</summary>
    private async Task<bool> AnswerAsync(TcpClient connection, NetworkStream stream, HostileRequest request, CancellationToken cancellationToken)
    {
        var isLogin = request.Path.EndsWith("/api/auth/login", StringComparison.Ordinal);
        var isLogout = request.Path.EndsWith("/api/auth/logout", StringComparison.Ordinal);
        if (isLogout)
        {
            EndSession();
        }

        switch (Behaviour)
        {
            case HostileBehaviour.Silent:
                // Reads the request, then holds the connection open without a byte.
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return false;

            case HostileBehaviour.DrippingHeaders:
                foreach (var b in Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nX-MSTR-AuthToken: slow\r\nX-Padding: " + new string('.', 1000)))
                {
                    await stream.WriteAsync(new[] { b }, cancellationToken);
                    Interlocked.Increment(ref _bytesSent);
                    await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                }

                return false;

            case HostileBehaviour.JunkWithEscapes:
                await WriteHeadAsync(stream, 200, "OK", "application/json", JunkSize, cancellationToken);
                await WriteRepeatedAsync(stream, Encoding.UTF8.GetBytes($"{{\"code\":\"ERR001{TerminalEscapes}\",\"message\":\"{TerminalEscapes}owned\u0008\u0008\r\n"), JunkSize, cancellationToken);
                return true;

            case HostileBehaviour.WrongPath:
                await WriteAnswerAsync(stream, 404, "Not Found", "text/html;charset=utf-8", TomcatNotFound(request.Path), cancellationToken);
                return true;

            case HostileBehaviour.RedirectToSignIn when request.Path.StartsWith("/sso/", StringComparison.Ordinal):
                await WriteAnswerAsync(stream, 200, "OK", "text/html;charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in to Contoso</title></head><body><form method=\"post\"><input name=\"user\"/></form></body></html>", cancellationToken);
                return true;

            case HostileBehaviour.RedirectToSignIn:
                await WriteRawAsync(stream, $"HTTP/1.1 302 Found\r\nLocation: {SignInPage}\r\nContent-Length: 0\r\n\r\n", cancellationToken);
                return true;

            case HostileBehaviour.HugeErrorPage:
                await WriteHeadAsync(stream, 500, "Internal Server Error", "text/html", HugeSize, cancellationToken);
                await WriteRepeatedAsync(stream, Encoding.ASCII.GetBytes("<html><head><title>Internal Server Error</title></head><body><pre>java.lang.OutOfMemoryError at org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:198)</pre></body></html>\n"), HugeSize, cancellationToken);
                return true;

            case HostileBehaviour.HugeSuccess when isLogin:
                await WriteLoginAsync(stream, cancellationToken);
                return true;

            case HostileBehaviour.HugeSuccess:
                await WriteHeadAsync(stream, 200, "OK", "application/json", HugeSize, cancellationToken);
                await WriteRawAsync(stream, "{\"schedules\":[", cancellationToken);
                await WriteRepeatedAsync(stream, Encoding.ASCII.GetBytes("{\"id\":\"FF7BB3C811D501F0C00051916B98494F\",\"name\":\"All the Time\"},"), HugeSize - 14, cancellationToken);
                return true;

            case HostileBehaviour.TricklingBody when isLogin:
                await WriteLoginAsync(stream, cancellationToken);
                return true;

            case HostileBehaviour.TricklingBody:
                // The headers at once, then the body a byte every half second: each read is answered, the whole never comes in time.
                await WriteHeadAsync(stream, 200, "OK", "application/json", 1000, cancellationToken);
                for (var i = 0; i < 1000; i++)
                {
                    await WriteRawAsync(stream, i == 0 ? "{" : " ", cancellationToken);
                    await Task.Delay(500, cancellationToken);
                }

                return false;

            case HostileBehaviour.ResetMidAnswer when isLogin:
                await WriteLoginAsync(stream, cancellationToken);
                return true;

            case HostileBehaviour.ResetMidAnswer:
                await WriteHeadAsync(stream, 200, "OK", "application/json", 100_000, cancellationToken);
                await WriteRawAsync(stream, "{\"schedules\":[{\"id\":\"FF7BB3C811D501F0C00051916B98494F\",\"name\":\"All the Time\"", cancellationToken);
                await Task.Delay(50, cancellationToken);

                // An abortive close: RST instead of FIN, as a crashing proxy or a load balancer's idle cut does.
                connection.Client.LingerState = new LingerOption(true, 0);
                connection.Client.Close();
                return false;

            case HostileBehaviour.RefusedSession when isLogin:
                await WriteLoginAsync(stream, cancellationToken);
                return true;

            case HostileBehaviour.RefusedSession when isLogout:
                await WriteRawAsync(stream, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", cancellationToken);
                return true;

            case HostileBehaviour.RefusedSession:
                EndSession();
                await WriteAnswerAsync(stream, 401, "Unauthorized", "application/json", "{\"code\":\"ERR009\",\"message\":\"The user's session has expired, please reauthenticate\",\"ticketId\":\"4c1f0d9a\"}", cancellationToken);
                return true;

            case HostileBehaviour.BadGateway:
                await WriteAnswerAsync(stream, 502, "Bad Gateway", "text/html", NginxPage("502 Bad Gateway"), cancellationToken);
                return true;

            case HostileBehaviour.GatewayTimeout:
                await WriteAnswerAsync(stream, 504, "Gateway Time-out", "text/html", NginxPage("504 Gateway Time-out"), cancellationToken);
                return true;

            default:
                throw new InvalidOperationException($"No answer for {Behaviour}.");
        }
    }

    private static string TomcatNotFound(string path) =>
        $"<!doctype html><html lang=\"en\"><head><title>HTTP Status 404 – Not Found</title><style type=\"text/css\">body {{font-family:Tahoma,Arial,sans-serif;}}</style></head><body><h1>HTTP Status 404 – Not Found</h1><hr class=\"line\" /><p><b>Type</b> Status Report</p><p><b>Message</b> The requested resource [{path}] is not available</p><hr class=\"line\" /><h3>Apache Tomcat/9.0.85</h3></body></html>";

    private static string NginxPage(string title) =>
        $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n";

    /// <summary>Counts one open session as ended (none below zero: a logout without a session ends nothing).</summary>
    private void EndSession()
    {
        int open;
        do
        {
            open = Volatile.Read(ref _openSessions);
        }
        while (open > 0 && Interlocked.CompareExchange(ref _openSessions, open - 1, open) != open);
    }

    /// <summary>A login as a server answers it: 204 with the session token and cookie.</summary>
    private Task WriteLoginAsync(Stream stream, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _openSessions);
        return WriteRawAsync(stream, $"HTTP/1.1 204 No Content\r\nX-MSTR-AuthToken: {IssuedToken}\r\nSet-Cookie: {IssuedCookie}; Path=/; HttpOnly\r\nContent-Length: 0\r\n\r\n", cancellationToken);
    }

    private Task WriteAnswerAsync(Stream stream, int status, string reason, string contentType, string body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return WriteRawAsync(stream, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n\r\n{body}", cancellationToken);
    }

    private Task WriteHeadAsync(Stream stream, int status, string reason, string contentType, long length, CancellationToken cancellationToken) =>
        WriteRawAsync(stream, $"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {length}\r\n\r\n", cancellationToken);

    private async Task WriteRawAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes, cancellationToken);
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }

    /// <summary>Writes <paramref name="length"/> bytes made of <paramref name="pattern"/> over and over, never holding more than a chunk.</summary>
    private async Task WriteRepeatedAsync(Stream stream, byte[] pattern, long length, CancellationToken cancellationToken)
    {
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = pattern[i % pattern.Length];
        }

        for (var left = length; left > 0;)
        {
            var count = (int)Math.Min(chunk.Length, left);
            await stream.WriteAsync(chunk.AsMemory(0, count), cancellationToken);
            Interlocked.Add(ref _bytesSent, count);
            left -= count;
        }
    }

    private static async Task<HostileRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Append((char)one[0]);
        }

        var lines = head.ToString().Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var contentLength = lines
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[contentLength];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new HostileRequest(requestLine[0], requestLine[1].Split('?')[0]);
    }

    private sealed record HostileRequest(string Method, string Path);
}

/// <summary>How a <see cref="HostileServer"/> misbehaves.</summary>
public enum HostileBehaviour
{
    /// <summary>Accepts the connection and reads the request, then never sends a byte.</summary>
    Silent,

    /// <summary>Sends its status line and headers one byte every two seconds.</summary>
    DrippingHeaders,

    /// <summary>Answers every request 200 with 10 MB of junk labelled JSON, full of terminal escape sequences.</summary>
    JunkWithEscapes,

    /// <summary>Answers every request with a Tomcat HTML 404 page, as a server does for a wrong base path.</summary>
    WrongPath,

    /// <summary>Redirects every API request to a single sign-on page, which answers HTML 200.</summary>
    RedirectToSignIn,

    /// <summary>Answers every request 500 with a 200 MB HTML error page.</summary>
    HugeErrorPage,

    /// <summary>Logs in, then answers every request 200 with 200 MB of JSON.</summary>
    HugeSuccess,

    /// <summary>Logs in, then sends every other answer's headers at once and its body a byte every half second.</summary>
    TricklingBody,

    /// <summary>Logs in, then resets the connection in the middle of every other answer.</summary>
    ResetMidAnswer,

    /// <summary>Logs in, then refuses every request with 401 ERR009 (session expired).</summary>
    RefusedSession,

    /// <summary>A proxy whose server is gone: every request 502 with nginx's HTML page.</summary>
    BadGateway,

    /// <summary>A proxy whose server is too slow: every request 504 with nginx's HTML page.</summary>
    GatewayTimeout,
}
