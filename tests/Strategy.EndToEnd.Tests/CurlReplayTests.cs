using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The requests of the workflow documents' curl commands, sent as they are written (token as a
/// header, no cookie) against the emulator: each gets the documented status and a body with
/// every field of the documented sample.
/// </summary>
public sealed class CurlReplayTests : EmulatorTest
{
    private HttpClient _curl = null!;
    private string _token = null!;

    [SetUp]
    public async Task LogIn()
    {
        _curl = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await SendAsync(HttpMethod.Post, "api/auth/login", body: Seed("Login.request.json"), authenticated: false);
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        _token = login.Headers.GetValues("X-MSTR-AuthToken").Single();
        Assert.That(login.Headers.GetValues("Set-Cookie").Single(), Does.StartWith("JSESSIONID="));
    }

    [TearDown]
    public void Close() => _curl.Dispose();

    [Test]
    public async Task Schema_reload_workflow_replays_as_documented()
    {
        using var reload = await SendAsync(HttpMethod.Post, "api/model/schema/reload", Seed("ReloadSchema.request.json"), ("Prefer", "respond-async"));
        var task = await AssertShapeAsync(reload, HttpStatusCode.Accepted, "ReloadSchema.202.json");
        Assert.That((string?)task["status"], Is.EqualTo("running"));

        using var status = await SendAsync(HttpMethod.Get, $"api/model/tasks/{task["id"]}");
        var polled = await AssertShapeAsync(status, HttpStatusCode.OK, null);
        Assert.That((string?)polled["status"], Is.AnyOf("running", "completed"));
    }

    [Test]
    public async Task Data_model_refresh_workflow_replays_as_documented()
    {
        var dataModel = $"api/dataModels/{Seeds.DataModelId}";
        using var created = await SendAsync(HttpMethod.Post, $"{dataModel}/instances");
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var instance = created.Headers.GetValues("X-MSTR-DataModelInstanceId").Single();

        using var tables = await SendAsync(HttpMethod.Get, $"api/model/dataModels/{Seeds.DataModelId}/tables?offset=0&limit=-1");
        var list = await AssertShapeAsync(tables, HttpStatusCode.OK, "ListDataModelTables.200.json");
        Assert.That(list["tables"]!.Select(t => (string?)t["information"]!["objectId"]), Is.SupersetOf(new[] { Seeds.YtdDayTableId, Seeds.CityMonthSalesTableId }));

        using var publish = await SendAsync(HttpMethod.Post, $"{dataModel}/publish", Seed("PublishDataModel.request.json"), ("X-MSTR-DataModelInstanceId", instance));
        Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        using var status = await SendAsync(HttpMethod.Get, $"{dataModel}/publishStatus", null, ("X-MSTR-DataModelInstanceId", instance));
        var progress = await AssertShapeAsync(status, HttpStatusCode.OK, "GetPublishStatus.200.json");
        Assert.That(progress["status"]!.Type, Is.EqualTo(JTokenType.Integer));

        using var deleted = await SendAsync(HttpMethod.Delete, $"{dataModel}/instances/{instance}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Emulator.OpenInstanceCount, Is.Zero);
    }

    [Test]
    public async Task Scheduled_refresh_workflow_replays_as_documented()
    {
        using var created = await SendAsync(HttpMethod.Post, "api/subscriptions", Seed("CreateSubscription.request.json"));
        var subscription = await AssertShapeAsync(created, HttpStatusCode.Created, "CreateSubscription.201.json");
        var id = (string)subscription["id"]!;

        using var withFilter = await SendAsync(HttpMethod.Post, "api/subscriptions", Seed("CreateSubscription.with-filter.request.json"));
        var filtered = await AssertShapeAsync(withFilter, HttpStatusCode.Created, "CreateSubscription.201.json");
        Assert.That(filtered["contents"]![0]!["refreshCondition"]!["filters"], Is.Not.Null);

        using var list = await SendAsync(HttpMethod.Get, "api/subscriptions?offset=0&limit=10");
        await AssertShapeAsync(list, HttpStatusCode.OK, "ListSubscriptions.200.json");
        Assert.That(list.Headers.GetValues("x-mstr-total-count").Single(), Is.EqualTo("2"));

        using var updated = await SendAsync(HttpMethod.Put, $"api/subscriptions/{id}", Seed("UpdateSubscription.request.json"));
        var replaced = await AssertShapeAsync(updated, HttpStatusCode.OK, "UpdateSubscription.200.json");
        Assert.That((string?)replaced["name"], Is.EqualTo("Updated Subscription"));

        using var fetched = await SendAsync(HttpMethod.Get, $"api/subscriptions/{id}");
        await AssertShapeAsync(fetched, HttpStatusCode.OK, "GetSubscription.200.json");
    }

    [Test]
    public async Task Requests_without_a_token_or_project_get_the_documented_errors()
    {
        using var noToken = await SendAsync(HttpMethod.Get, "api/subscriptions", authenticated: false);
        using var noProject = await SendAsync(HttpMethod.Post, $"api/dataModels/{Seeds.DataModelId}/instances", project: false);
        var noTokenError = JObject.Parse(await noToken.Content.ReadAsStringAsync());
        var noProjectError = JObject.Parse(await noProject.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((string?)noTokenError["code"], Is.EqualTo("ERR009"));
            Assert.That(noProject.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)noProjectError["code"], Is.EqualTo("ERR006"));
        });
    }

    [Test]
    public async Task An_invalid_body_is_rejected_naming_the_field()
    {
        var body = JObject.Parse(Seed("CreateSubscription.request.json"));
        body.Remove("schedules");

        using var response = await SendAsync(HttpMethod.Post, "api/subscriptions", body.ToString());

        var error = JObject.Parse(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error["code"], Is.EqualTo("ERR006"));
            Assert.That((string?)error["message"], Does.Contain("schedules"));
        });
    }

    private static string Seed(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Seeds", name));

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? body = null, (string Name, string Value)? header = null, bool authenticated = true, bool project = true)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Accept", "application/json");
        if (authenticated)
        {
            request.Headers.Add("X-MSTR-AuthToken", _token);
        }

        if (project)
        {
            request.Headers.Add("X-MSTR-ProjectID", Seeds.ProjectId);
        }

        if (header is { } extra)
        {
            request.Headers.Add(extra.Name, extra.Value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await _curl.SendAsync(request);
    }

    /// <summary>Checks the status and that every field of the documented sample is in the answer.</summary>
    private static async Task<JObject> AssertShapeAsync(HttpResponseMessage response, HttpStatusCode status, string? sample)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        var actual = JObject.Parse(text);
        if (sample is not null)
        {
            Assert.That(MissingFields(JToken.Parse(Seed(sample)), actual, "$"), Is.Empty, $"answer: {text}");
        }

        return actual;
    }

    private static IEnumerable<string> MissingFields(JToken expected, JToken? actual, string path) => expected switch
    {
        JObject obj => obj.Properties().SelectMany(p => actual is JObject a && a.TryGetValue(p.Name, out var value)
            ? MissingFields(p.Value, value, $"{path}.{p.Name}")
            : [$"{path}.{p.Name}"]),
        JArray { Count: > 0 } array when actual is JArray { Count: > 0 } actualArray => MissingFields(array[0], actualArray[0], $"{path}[0]"),
        _ => [],
    };
}
