using System.Net;
using System.Text;

namespace Strategy.Generated.Tests.Client;

/// <summary>An error answer's body is read once, whoever looks at it: session, telemetry, the "no status" check and the exception.</summary>
public sealed class ErrorAnswerTests
{
    [Test]
    public async Task The_body_is_read_and_parsed_once_and_still_readable_afterwards()
    {
        var content = new CountingContent("""{"code":"ERR009","message":"The session has expired."}""");
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = content, RequestMessage = new HttpRequestMessage(HttpMethod.Get, "http://localhost/api/x") };

        var first = await ErrorAnswer.ReadAsync(response, CancellationToken.None);
        var second = await ErrorAnswer.ReadAsync(response, CancellationToken.None);
        var error = await StrategyApiException.FromResponseAsync(response, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(content.Reads, Is.EqualTo(1));
            Assert.That(second, Is.SameAs(first));
            Assert.That(first.Body.Code, Is.EqualTo("ERR009"));
            Assert.That(error.ErrorCode, Is.EqualTo("ERR009"));
            Assert.That(text, Does.Contain("ERR009"), "buffered: the client still reads it");
        });
    }

    private sealed class CountingContent(string text) : HttpContent
    {
        public int Reads { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            Reads++;
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
