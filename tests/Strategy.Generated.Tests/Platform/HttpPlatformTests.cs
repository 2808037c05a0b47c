using System.Net;
using Strategy.Tests.Shared;

namespace Strategy.Generated.Tests.Platform;

/// <summary>The pieces of HTTP that differ by asset, checked on the asset this suite runs against.</summary>
public sealed class HttpPlatformTests
{
    [Test]
    public void The_primary_handler_keeps_no_cookies_follows_no_redirect_and_caps_no_connections()
    {
        using var handler = HttpPlatform.CreatePrimaryHandler(Http.ServerCertificates.System, TimeSpan.FromSeconds(10));

        if (LibraryAsset.IsNetStandard)
        {
            // The .NET Framework's handler would otherwise allow a desktop process two connections per server.
            Assert.That(handler, Is.TypeOf<HttpClientHandler>());
            var client = (HttpClientHandler)handler;
            Assert.That((client.UseCookies, client.AllowAutoRedirect, client.MaxConnectionsPerServer), Is.EqualTo((false, false, int.MaxValue)));
        }
        else
        {
            Assert.That(handler, Is.TypeOf<SocketsHttpHandler>());
            var sockets = (SocketsHttpHandler)handler;
            Assert.That((sockets.UseCookies, sockets.AllowAutoRedirect, sockets.PooledConnectionLifetime, sockets.MaxConnectionsPerServer), Is.EqualTo((false, false, TimeSpan.FromMinutes(5), int.MaxValue)));
            Assert.That(sockets.ConnectCallback, Is.Not.Null, "connecting is bounded by the connect timeout");
        }
    }

    [Test]
    public void A_request_property_survives_the_clone_a_renewal_sends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://strategy.test/api/x") { Content = new StringContent("{}"), Version = HttpVersion.Version11 };
        request.Headers.TryAddWithoutValidation("X-Custom", "kept");
        var marker = new object();
        HttpPlatform.SetProperty(request, "Strategy.Test", marker);

        using var clone = HttpPlatform.Clone(request);

        Assert.Multiple(() =>
        {
            Assert.That(HttpPlatform.GetProperty<object>(clone, "Strategy.Test"), Is.SameAs(marker));
            Assert.That(HttpPlatform.GetProperty<object>(clone, "Strategy.Other"), Is.Null);
            Assert.That(HttpPlatform.GetProperty<string>(clone, "Strategy.Test"), Is.Null, "a property of another type is not returned");
            Assert.That(clone.Content, Is.SameAs(request.Content));
            Assert.That(clone.Headers.GetValues("X-Custom"), Is.EqualTo(new[] { "kept" }));
            Assert.That((clone.Method, clone.RequestUri, clone.Version), Is.EqualTo((request.Method, request.RequestUri, request.Version)));
        });
    }

    [Test]
    public void Cookies_are_listed_where_the_framework_can()
    {
        var cookies = new CookieContainer();
        cookies.Add(new Uri("http://strategy.test/"), new Cookie("JSESSIONID", "abc"));

        var all = HttpPlatform.AllCookies(cookies);

        // .NET Standard 2.0 cannot list a container's cookies: the session then asks for each request's header.
        Assert.That(all?.Count, LibraryAsset.IsNetStandard ? Is.Null : Is.EqualTo(1));
    }
}
