using System.Net;
using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;

namespace Strategy.Generated.Tests.Support;

/// <summary>A mocked Strategy server behind a path base, as a real deployment has one.</summary>
internal sealed class MockServer : IDisposable
{
    public const string BaseUrl = "https://strategy.test/MicroStrategyLibrary/";
    public const string ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754";
    public const string DataModelId = "9F4772B837604551B4D3CC916ADC5598";
    public const string InstanceId = "CBE2C87449CEFFF7C089AEA0EE6BBA9C";
    public const string SubscriptionId = "0730C69A4EBAA20BD967EA86274F0C2F";
    public const string TaskId = "907CAAF6F0644A8DA2CBF9D3C4C1B12E";

    public MockServer()
    {
        // A call the test answers with When (a read any workflow may make first) is answered even while Expect calls are outstanding.
        Handler = new MockHttpMessageHandler(BackendDefinitionBehavior.Always);
        Http = new HttpClient(Handler) { BaseAddress = new Uri(BaseUrl) };
    }

    public MockHttpMessageHandler Handler { get; }

    public HttpClient Http { get; }

    public static string Url(string relative) => BaseUrl + relative;

    public T Client<T>(Func<HttpClient, T> create)
        where T : Http.StrategyClientBase
    {
        var client = create(Http);
        client.ProjectId = ProjectId;
        return client;
    }

    public void Dispose()
    {
        Http.Dispose();
        Handler.Dispose();
    }

    /// <summary>Answers with a status, an optional JSON body and optional headers.</summary>
    public static HttpResponseMessage Answer(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        if (json is not null)
        {
            response.Content = new StringContent(json);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

internal static class MockedRequestExtensions
{
    /// <summary>Matches a request whose JSON body equals <paramref name="expected"/>, ignoring formatting.</summary>
    public static MockedRequest WithJsonBody(this MockedRequest request, JToken expected) =>
        request.With(message =>
            message.Content is not null
            && message.Content.Headers.ContentType?.MediaType == "application/json"
            && JToken.DeepEquals(JToken.Parse(message.Content.ReadAsStringAsync().GetAwaiter().GetResult()), expected));

    /// <summary>Matches a request that does not carry <paramref name="header"/>.</summary>
    public static MockedRequest WithoutHeader(this MockedRequest request, string header) =>
        request.With(message => !message.Headers.Contains(header));
}
