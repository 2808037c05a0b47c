using System.Net;
using System.Text;
using Newtonsoft.Json;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

/// <summary>Every error answer becomes one typed exception with what the server said.</summary>
public sealed class ErrorAnswerTests : ClientTest<SubscriptionsClient>
{
    private const string SubscriptionPath = "api/subscriptions/" + MockServer.SubscriptionId;

    protected override SubscriptionsClient Create(HttpClient http) => new(http);

    private StrategyApiException FailingGet(HttpResponseMessage answer)
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url(SubscriptionPath)).Respond(_ => answer);
        return Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None))!;
    }

    [Test]
    public void Expired_session_401_ERR009_is_a_session_expired_error()
    {
        var error = FailingGet(MockServer.Answer(HttpStatusCode.Unauthorized,
            """{"code":"ERR009","message":"The user's session has expired, please reauthenticate","ticketId":"5e4b1c2d"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(401));
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.SessionExpired));
            Assert.That(error.ErrorCode, Is.EqualTo("ERR009"));
            Assert.That(error.TicketId, Is.EqualTo("5e4b1c2d"));
            Assert.That(error.Operation, Is.EqualTo($"GET MicroStrategyLibrary/{SubscriptionPath}"));
            Assert.That(error.Message, Does.Contain("HTTP 401").And.Contain("ERR009").And.Contain("session has expired").And.Contain("ticket 5e4b1c2d"));
        });
    }

    [Test]
    public void Not_found_404_ERR004_carries_code_message_iServerCode_and_ticket()
    {
        var error = FailingGet(MockServer.Answer(HttpStatusCode.NotFound,
            """{"code":"ERR004","message":"Subscription not found","ticketId":"abc123","iServerCode":-2147072194}"""));

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
            Assert.That(error.ServerMessage, Is.EqualTo("Subscription not found"));
            Assert.That(error.IServerCode, Is.EqualTo(-2147072194L));
            Assert.That(error.Message, Does.Contain("iServerCode -2147072194"));
        });
    }

    [Test]
    public void Invalid_input_400_ERR006_is_an_invalid_input_error()
    {
        var error = FailingGet(MockServer.Answer(HttpStatusCode.BadRequest,
            """{"code":"ERR006","message":"Missing X-MSTR-ProjectID header"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.InvalidInput));
            Assert.That(error.IServerCode, Is.Null);
            Assert.That(error.TicketId, Is.Null);
        });
    }

    [Test]
    public void Server_error_500_with_no_body_still_says_what_happened()
    {
        var error = FailingGet(new HttpResponseMessage(HttpStatusCode.InternalServerError));

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.ServerError));
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.Message, Does.Contain("HTTP 500").And.Contain("no body"));
        });
    }

    [Test]
    public void An_HTML_error_page_is_reported_by_its_title_and_kept_as_text()
    {
        var html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>nginx</h1></body></html>";
        var answer = new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(html, Encoding.UTF8, "text/html") };

        var error = FailingGet(answer);

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.ServerError));
            Assert.That(error.Message, Does.Contain("HTML page titled '502 Bad Gateway'"));
            Assert.That(error.Response, Is.EqualTo(html));
        });
    }

    [Test]
    public void Errors_wrapped_in_an_errors_array_are_read()
    {
        var error = FailingGet(MockServer.Answer(HttpStatusCode.InternalServerError,
            """{"errors":[{"code":"ERR001","message":"Publishing is already in progress"}]}"""));

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("ERR001"));
            Assert.That(error.Errors, Has.Count.EqualTo(1));
            Assert.That(error.Message, Does.Contain("already in progress"));
        });
    }

    [Test]
    public void Malformed_error_JSON_is_described_not_thrown()
    {
        var error = FailingGet(MockServer.Answer(HttpStatusCode.InternalServerError, """{"code":"ERR001","mess"""));

        Assert.That(error.Message, Does.Contain("malformed JSON"));
    }

    [Test]
    public void Too_many_requests_carries_Retry_After()
    {
        var answer = MockServer.Answer(HttpStatusCode.TooManyRequests);
        answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        var error = FailingGet(answer);

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.Throttled));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        });
    }

    [Test]
    public void Cookies_and_tokens_in_an_error_answer_are_redacted()
    {
        var answer = MockServer.Answer(HttpStatusCode.Unauthorized, """{"code":"ERR003","message":"Wrong password"}""",
            ("Set-Cookie", "JSESSIONID=secret-session-cookie; Path=/"), ("X-MSTR-AuthToken", "secret-token"));

        var error = FailingGet(answer);

        var everything = error.ToString() + string.Join(";", error.Headers.SelectMany(h => h.Value));
        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.Authentication));
            Assert.That(everything, Does.Not.Contain("secret-session-cookie").And.Not.Contain("secret-token"));
            Assert.That(error.Headers["Set-Cookie"], Is.EqualTo(new[] { "[redacted]" }));
        });
    }

    [Test]
    public void Malformed_JSON_in_a_success_answer_names_the_operation_the_status_the_place_and_keeps_the_body()
    {
        const string Body = """{"id":"0730C69A4EBAA20BD967EA86274F0C2F","name":""";
        Server.Handler.When(HttpMethod.Get, MockServer.Url(SubscriptionPath)).Respond("application/json", Body);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.StatusCode, Is.EqualTo(200));
            Assert.That(error.OperationId, Is.EqualTo("GetSubscription"));
            Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(error.Message, Does.StartWith("GetSubscription (GET ").And.Contain("api/subscriptions/" + MockServer.SubscriptionId + ")"));
            Assert.That(error.Message, Does.Contain("HTTP 200").And.Contain("as Subscription at $.name"));
            Assert.That(error.Message, Does.Not.Contain("no body"));
            Assert.That(error.Response, Is.EqualTo(Body));
        });
    }

    [Test]
    public void A_success_answer_of_JSON_null_says_so_and_not_that_there_was_no_body()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url(SubscriptionPath)).Respond("application/json", "null");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("JSON literal null").And.Not.Contain("no body"));
        });
    }

    [Test]
    public void A_value_of_the_wrong_shape_deep_in_an_answer_is_reported_at_its_JSON_path()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url(SubscriptionPath)).Respond("application/json",
            """{"id":"0730C69A4EBAA20BD967EA86274F0C2F","name":"x","contents":[{"id":"9F4772B837604551B4D3CC916ADC5598","type":"data_model","refreshCondition":{"tables":"all of them"}}]}""");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("at $.contents[0].refreshCondition.tables"));
            Assert.That(error.Message, Does.Contain("line 1, position"));
        });
    }

    [Test]
    public void A_success_answer_missing_a_field_the_spec_calls_required_still_reads()
    {
        // Required-ness binds what the client sends; an object another client left on the server may lack a field.
        Server.Handler.When(HttpMethod.Get, MockServer.Url(SubscriptionPath)).Respond("application/json", """{"name":"no id","contents":[{"type":"report"}]}""");

        var subscription = Client.GetSubscriptionAsync(MockServer.SubscriptionId, cancellationToken: CancellationToken.None).GetAwaiter().GetResult();

        Assert.Multiple(() =>
        {
            Assert.That(subscription.Name, Is.EqualTo("no id"));
            Assert.That(subscription.Id, Is.Null);
            Assert.That(subscription.Contents.Single().Type, Is.EqualTo(ContentType.Report));
        });
    }

    [Test]
    public void A_request_missing_a_required_field_is_refused_before_it_is_sent()
    {
        var request = new SubscriptionRequest { Name = "no contents", Schedules = [new SubscriptionSchedule { Id = MockServer.SubscriptionId }], Delivery = new Delivery { Mode = DeliveryMode.HistoryList } };
        request.Contents = null!;
        var anything = Server.Handler.When("*").Respond(HttpStatusCode.Created);

        Assert.ThrowsAsync<JsonSerializationException>(() => Client.CreateSubscriptionAsync(request, CancellationToken.None));
        Assert.That(Server.Handler.GetMatchCount(anything), Is.Zero);
    }

    [Test]
    public void An_undocumented_success_status_is_an_invalid_response_error()
    {
        Server.Handler.When(HttpMethod.Delete, MockServer.Url(SubscriptionPath)).Respond("application/json", "{}");

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Client.DeleteSubscriptionAsync(MockServer.SubscriptionId, CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.InvalidResponse));
            Assert.That(error.Message, Does.Contain("200"));
        });
    }

    [Test]
    public async Task An_error_body_is_read_and_parsed_once_for_everyone_and_still_readable_afterwards()
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
