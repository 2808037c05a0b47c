using System.Net;
using System.Text;

namespace Strategy.Benchmarks;

/// <summary>Answers like the server, from memory: a login, a task, a subscription, a page of 500.</summary>
internal sealed class InMemoryServer : HttpMessageHandler
{
    private readonly byte[] _task = Encoding.UTF8.GetBytes("""{"id":"907CAAF6F0644A8DA2CBF9D3C4C1B12E","task":"reloadSchema","startTime":"2025-08-04T01:25:01.671+0000","status":"running"}""");
    private readonly byte[] _subscription;
    private readonly byte[] _page;

    public InMemoryServer(string subscription)
    {
        _subscription = Encoding.UTF8.GetBytes(subscription);
        _page = Encoding.UTF8.GetBytes("{\"subscriptions\":[" + string.Join(",", Enumerable.Repeat(subscription, 500)) + "]}");
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (request.Content is not null)
        {
            // Read the body, as a server would.
            await request.Content.CopyToAsync(Stream.Null, cancellationToken);
        }

        if (path.EndsWith("/auth/login", StringComparison.Ordinal))
        {
            var login = new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new ByteArrayContent([]) };
            login.Headers.Add("X-MSTR-AuthToken", "benchmark-token");
            login.Headers.Add("Set-Cookie", "JSESSIONID=benchmark; Path=/");
            return login;
        }

        if (path.EndsWith("/auth/logout", StringComparison.Ordinal))
        {
            return new HttpResponseMessage(HttpStatusCode.NoContent) { Content = new ByteArrayContent([]) };
        }

        var (status, body) = path.Contains("/model/tasks/", StringComparison.Ordinal) ? (HttpStatusCode.OK, _task)
            : request.Method == HttpMethod.Post ? (HttpStatusCode.Created, _subscription)
            : path.EndsWith("/subscriptions", StringComparison.Ordinal) ? (HttpStatusCode.OK, _page)
            : (HttpStatusCode.OK, _subscription);
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        if (body == _page)
        {
            response.Headers.Add("x-mstr-total-count", "500");
        }

        return response;
    }
}
