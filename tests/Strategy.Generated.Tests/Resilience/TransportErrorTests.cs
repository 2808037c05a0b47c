using System.Net;
using System.Net.Sockets;

namespace Strategy.Generated.Tests.Resilience;

/// <summary>
/// How a failed send is read: whether it reached the server (the rule that lets a POST be sent
/// again) and what telemetry calls it. The netstandard2.0 suite runs these against the fallback
/// that reads nested exceptions and the runtime's properties by reflection.
/// </summary>
public sealed class TransportErrorTests
{
    private static HttpRequestException Wrapping(Exception inner) => new("scripted failure", inner);

    [TestCase(SocketError.ConnectionRefused, "ConnectionError")]
    [TestCase(SocketError.HostUnreachable, "ConnectionError")]
    [TestCase(SocketError.NetworkUnreachable, "ConnectionError")]
    [TestCase(SocketError.HostNotFound, "NameResolutionError")]
    [TestCase(SocketError.TryAgain, "NameResolutionError")]
    public void A_socket_failure_before_the_connection_means_the_request_never_reached_the_server(SocketError error, string cause)
    {
        var exception = Wrapping(new IOException("outer", new SocketException((int)error)));

        Assert.Multiple(() =>
        {
            Assert.That(TransportErrors.NeverReachedServer(exception), Is.True);
            Assert.That(TransportErrors.CauseFromInner(exception), Is.EqualTo(cause));
            Assert.That(TransportErrors.IsConnectionFailure(exception), Is.True);
        });
    }

    [TestCase(WebExceptionStatus.ConnectFailure, "ConnectionError")]
    [TestCase(WebExceptionStatus.NameResolutionFailure, "NameResolutionError")]
    [TestCase(WebExceptionStatus.ProxyNameResolutionFailure, "NameResolutionError")]
    public void The_dotnet_framework_handler_s_web_exception_is_read_the_same_way(WebExceptionStatus status, string cause)
    {
#pragma warning disable SYSLIB0014 // the .NET Framework's handler reports connection failures this way
        var exception = Wrapping(new WebException("failed", status));
#pragma warning restore SYSLIB0014

        Assert.Multiple(() =>
        {
            Assert.That(TransportErrors.CauseFromInner(exception), Is.EqualTo(cause));
            Assert.That(TransportErrors.NeverReachedServer(exception), Is.True);
        });
    }

    [Test]
    public void A_connection_that_broke_after_sending_may_have_reached_the_server()
    {
        var reset = Wrapping(new IOException("reset", new SocketException((int)SocketError.ConnectionReset)));
#pragma warning disable SYSLIB0014
        var receiveFailure = Wrapping(new WebException("failed", WebExceptionStatus.ReceiveFailure));
#pragma warning restore SYSLIB0014

        Assert.Multiple(() =>
        {
            Assert.That(TransportErrors.NeverReachedServer(reset), Is.False);
            Assert.That(TransportErrors.NeverReachedServer(receiveFailure), Is.False);
            Assert.That(TransportErrors.NeverReachedServer(new TimeoutException()), Is.False);
            Assert.That(TransportErrors.Describe(reset), Is.EqualTo(typeof(HttpRequestException).FullName));
        });
    }

    [Test]
    public void The_runtime_s_own_cause_and_status_are_read_on_every_asset()
    {
        var secure = new HttpRequestException(HttpRequestError.SecureConnectionError, "tls");
        var withStatus = new HttpRequestException("failed", null, HttpStatusCode.BadGateway);

        Assert.Multiple(() =>
        {
            Assert.That(TransportErrors.Describe(secure), Is.EqualTo("SecureConnectionError"));
            Assert.That(TransportErrors.NeverReachedServer(new HttpRequestException(HttpRequestError.ConnectionError, "refused")), Is.True);
            Assert.That(TransportErrors.IsConnectionFailure(withStatus), Is.False, "an exception that carries a status had an answer");
            Assert.That(TransportErrors.IsConnectionFailure(secure), Is.True);
        });
    }

    [Test]
    public void A_real_refused_connection_through_the_library_s_handler_never_reached_the_server()
    {
        // A port that was just free: nothing listens on it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        using var client = new HttpClient(HttpPlatform.CreatePrimaryHandler(Http.ServerCertificates.System, TimeSpan.FromSeconds(10)));
        var failure = Assert.CatchAsync<HttpRequestException>(() => client.PostAsync($"http://127.0.0.1:{port}/api/subscriptions", new StringContent("{}")));

        Assert.Multiple(() =>
        {
            Assert.That(TransportErrors.NeverReachedServer(failure), Is.True, failure.ToString());
            Assert.That(TransportErrors.CauseFromInner(failure), Is.EqualTo("ConnectionError"), "the fallback alone reads it too");
            Assert.That(TransportErrors.Describe(failure), Is.EqualTo("ConnectionError"));
        });
    }
}
