using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;
using Strategy.Emulator.Reports;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The emulator answers as Strategy's documentation shows a server answering: for every operation with a
/// documented sample (<c>tests/Shared/DocumentedSamples</c>), the emulator's answer to the same call carries
/// no field that no sample of that operation has, and no value of another JSON type. The samples were
/// written by neither the spec nor the emulator, so a mistake the two share shows here.
/// </summary>
public sealed class DocumentedShapeTests : EmulatorTest
{
    private HttpClient _http = null!;

    private string _token = null!;

    /// <summary>The operations with a documented sample, each with the call that asks the emulator the same.</summary>
    public static IEnumerable<TestCaseData> SampledOperations() =>
        DocumentedSamples.Operations.Append(DocumentedSamples.ErrorPrefix).Select(o => new TestCaseData(o).SetArgDisplayNames(o));

    [SetUp]
    public async Task LogInAsync()
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Emulator.BaseUrl };
        using var login = await _http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", Encoding.UTF8, "application/json"));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        _token = login.Headers.GetValues("X-MSTR-AuthToken").Single();
    }

    [TearDown]
    public void Dispose() => _http.Dispose();

    [TestCaseSource(nameof(SampledOperations))]
    public async Task The_emulator_answers_no_field_the_documented_samples_lack(string operationId)
    {
        var samples = DocumentedSamples.Files.Where(f => DocumentedSamples.OperationOf(f) == operationId).ToList();

        // An answer's shape is its model's: samples of other operations answering the same model count too
        // (a subscription created, updated or read).
        var model = DocumentedSamples.ModelTypeFor(samples[0]);
        var documented = DocumentedSamples.Files.Where(f => DocumentedSamples.ModelTypeFor(f) == model)
            .SelectMany(f => Shape(DocumentedSamples.Json(f), "$"))
            .Concat(ItemShapes(model))
            .Concat(DocumentedSamples.Undocumented.Where(u => u.Operation == operationId).Select(u => (u.Path, Type: "any")))
            .GroupBy(p => p.Path)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Type).ToHashSet());

        var (status, answer) = await AskAsync(operationId);

        var undocumented = Shape(answer, "$")
            .Where(p => !documented.TryGetValue(p.Path, out var types) || (p.Type != "null" && !types.Contains(p.Type) && !types.Contains("null") && !types.Contains("any")))
            .Select(p => documented.ContainsKey(p.Path) ? $"{p.Path} is {p.Type}, documented as {string.Join(" or ", documented[p.Path])}" : $"{p.Path} ({p.Type}) is in no sample")
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(samples.Select(DocumentedSamples.StatusOf), Does.Contain(status), $"the emulator answered {operationId} with a status no sample has: {answer}");
            Assert.That(undocumented, Is.Empty, $"{operationId}: the emulator answers {answer.ToString(Newtonsoft.Json.Formatting.None)}");
        });
    }

    [Test]
    public void A_field_the_samples_lack_is_caught()
    {
        var documented = Shape(DocumentedSamples.Json("PublishCube.202.json"), "$").Select(p => p.Path).ToHashSet();

        var invented = Shape(JObject.Parse("""{"id":"1:Tk9ERQ==","jobId":1,"node":"NODE"}"""), "$").Where(p => !documented.Contains(p.Path));

        Assert.That(invented.Select(p => p.Path), Is.EqualTo(new[] { "$.node" }), "the check above can fail");
    }

    /// <summary>
    /// The shapes of a list's items from the samples of the item's own model: a subscription in a list
    /// is shaped as a subscription read on its own.
    /// </summary>
    private static IEnumerable<(string Path, string Type)> ItemShapes(Type model) =>
        from property in model.GetProperties()
        where property.PropertyType.IsGenericType && property.PropertyType.GetGenericArguments().Length == 1
        let item = property.PropertyType.GetGenericArguments()[0]
        let name = property.GetCustomAttributes(typeof(Newtonsoft.Json.JsonPropertyAttribute), true).OfType<Newtonsoft.Json.JsonPropertyAttribute>().FirstOrDefault()?.PropertyName
        where name is not null
        from file in DocumentedSamples.Files.Where(f => DocumentedSamples.ModelTypeFor(f) == item)
        from shape in Shape(DocumentedSamples.Json(file), "$." + name + "[]")
        select shape;

    /// <summary>Every path of a JSON value with its JSON type; an array's items share the path <c>[]</c>.</summary>
    private static IEnumerable<(string Path, string Type)> Shape(JToken token, string path)
    {
        switch (token)
        {
            case JObject obj:
                yield return (path, "object");
                foreach (var property in obj.Properties())
                {
                    foreach (var inner in Shape(property.Value, path + "." + property.Name))
                    {
                        yield return inner;
                    }
                }

                break;
            case JArray array:
                yield return (path, "array");
                foreach (var inner in array.SelectMany(item => Shape(item, path + "[]")))
                {
                    yield return inner;
                }

                break;
            default:
                yield return (path, token.Type switch
                {
                    JTokenType.Integer or JTokenType.Float => "number",
                    JTokenType.Boolean => "boolean",
                    JTokenType.Null => "null",
                    _ => "string",
                });
                break;
        }
    }

    /// <summary>Asks the emulator what the documented sample of <paramref name="operationId"/> answers.</summary>
    private async Task<(int Status, JToken Answer)> AskAsync(string operationId)
    {
        switch (operationId)
        {
            case "ListCubeCaches":
                return await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes?clusterNode={Seeds.Nodes[0]}&offset=0&limit=1000");
            case "GetCubeCache":
                return await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes/{Uri.EscapeDataString(await FirstCacheIdAsync())}");
            case "UpdateCubeCache":
                return await SendAsync(HttpMethod.Patch, $"api/monitors/caches/cubes/{Uri.EscapeDataString(await FirstCacheIdAsync())}", """{"state":{"active":true}}""", headers: [("Prefer", "respond-async")]);
            case "GetCubeCacheManipulationStatus":
                var (_, change) = await SendAsync(HttpMethod.Patch, $"api/monitors/caches/cubes/{Uri.EscapeDataString(await FirstCacheIdAsync())}", """{"state":{"active":true}}""", headers: [("Prefer", "respond-async")]);
                return await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes/manipulations/{Uri.EscapeDataString((string)change["manipulationId"]!)}/status");
            case "SearchObjects":
                return await SendAsync(HttpMethod.Get, "api/searches/results?name=Sales&type=3&pattern=4&offset=0&limit=10", project: true);
            case "ListProjects":
                return await SendAsync(HttpMethod.Get, "api/projects");
            case "GetObject":
                return await SendAsync(HttpMethod.Get, $"api/objects/{Seeds.SalesCubeId}?type=3", project: true);
            case "ListClusterNodes":
                return await SendAsync(HttpMethod.Get, "api/monitors/iServer/nodes");
            case "ListSchedules":
                return await SendAsync(HttpMethod.Get, "api/schedules");
            case "GetSubscription":
                var (_, created) = await SendAsync(HttpMethod.Post, "api/subscriptions", Fixture("CreateSubscription.request.json"), project: true);
                return await SendAsync(HttpMethod.Get, $"api/subscriptions/{(string)created["id"]!}", project: true, headers: [("X-MSTR-ClientVersion", "25.06")]);
            case "CreateSubscription":
                return await SendAsync(HttpMethod.Post, "api/subscriptions", Fixture("CreateSubscription.request.json"), project: true);
            case "UpdateSubscription":
                var (_, toUpdate) = await SendAsync(HttpMethod.Post, "api/subscriptions", Fixture("CreateSubscription.request.json"), project: true);
                return await SendAsync(HttpMethod.Put, $"api/subscriptions/{(string)toUpdate["id"]!}", Fixture("UpdateSubscription.request.json"), project: true, headers: [("X-MSTR-ClientVersion", "25.06")]);
            case "ListSubscriptions":
                await SendAsync(HttpMethod.Post, "api/subscriptions", Fixture("CreateSubscription.request.json"), project: true);
                return await SendAsync(HttpMethod.Get, "api/subscriptions?offset=0&limit=10", project: true, headers: [("X-MSTR-ClientVersion", "25.06")]);
            case "ListDataModelTables":
                return await SendAsync(HttpMethod.Get, $"api/model/dataModels/{Seeds.DataModelId}/tables?offset=0&limit=-1", project: true);
            case "GetPublishStatus":
                var instance = await DataModelInstanceAsync();
                await SendAsync(HttpMethod.Post, $"api/dataModels/{Seeds.DataModelId}/publish", Fixture("PublishDataModel.request.json"), project: true, headers: [("X-MSTR-DataModelInstanceId", instance)]);
                return await SendAsync(HttpMethod.Get, $"api/dataModels/{Seeds.DataModelId}/publishStatus", project: true, headers: [("X-MSTR-DataModelInstanceId", instance)]);
            case "ReloadSchema":
                return await SendAsync(HttpMethod.Post, "api/model/schema/reload", """{"updateTypes":["table_key"]}""", project: true, headers: [("Prefer", "respond-async")]);
            case "GetTask":
                var (_, task) = await SendAsync(HttpMethod.Post, "api/model/schema/reload", """{"updateTypes":["table_key"]}""", project: true, headers: [("Prefer", "respond-async")]);
                return await SendAsync(HttpMethod.Get, $"api/model/tasks/{(string)task["id"]!}", project: true);
            case "CreateReportInstance":
                return await SendAsync(HttpMethod.Post, $"api/v2/reports/{ReportSeeds.PromptedReportId}/instances?executionStage=resolve_prompts", "{}", project: true);
            case "CreateDocumentInstance":
                return await SendAsync(HttpMethod.Post, $"api/documents/{ReportSeeds.DashboardId}/instances", "{}", project: true);
            case "ExportDocumentPdf":
                return await SendAsync(HttpMethod.Post, $"api/documents/{ReportSeeds.DashboardId}/instances/{await DashboardInstanceAsync()}/pdf", "{}", project: true);
            case "ExportVisualizationPdf":
                return await SendAsync(HttpMethod.Post, $"api/documents/{ReportSeeds.DashboardId}/instances/{await DashboardInstanceAsync()}/visualizations/K52/pdf", "{}", project: true);
            case "PublishCube":
                return await SendAsync(HttpMethod.Post, $"api/v2/cubes/{Seeds.SalesCubeId}", project: true);
            case "CreateUser":
                return await SendAsync(HttpMethod.Post, "api/users", $$"""{"username":"shape-{{Guid.NewGuid():N}}","fullName":"Shape Test","password":"p"}""");
            case "UpdateUser":
                return await SendAsync(HttpMethod.Patch, $"api/users/{await NewUserAsync()}", """{"operationList":[{"op":"replace","path":"/fullName","value":"Shape Changed"}]}""");
            case "CreateUserAddress":
                return await SendAsync(HttpMethod.Post, $"api/users/{await NewUserAsync()}/addresses", """{"name":"Work","deliveryMode":"EMAIL","device":"GENERIC_EMAIL","value":"shape@example.com","isDefault":true}""");
            case "CreateUserGroup":
                return await SendAsync(HttpMethod.Post, "api/usergroups", $$"""{"name":"shape-{{Guid.NewGuid():N}}","members":["{{await NewUserAsync()}}"]}""");
            case "UpdateUserGroup":
                return await SendAsync(HttpMethod.Patch, $"api/usergroups/{await NewGroupAsync()}", """{"operationList":[{"op":"replace","path":"/description","value":"Changed"}]}""");
            case "GetUserGroup":
                return await SendAsync(HttpMethod.Get, $"api/usergroups/{await NewGroupAsync()}");
            case "CreateSecurityRole":
                return await SendAsync(HttpMethod.Post, "api/securityRoles", $$"""{"name":"shape-{{Guid.NewGuid():N}}","description":"d","privileges":[{"id":"1"}]}""");
            case "UpdateSecurityRole":
                return await SendAsync(HttpMethod.Patch, "api/securityRoles/73F7482111D3596C60001B8F67019608", $$$"""{"operationList":[{"op":"add","path":"/members","value":{"projectId":"{{{Seeds.ProjectId}}}","memberIds":["{{{await NewUserAsync()}}}"]}}]}""");
            case "GetSecurityRole":
                return await SendAsync(HttpMethod.Get, "api/securityRoles/73F7482111D3596C60001B8F67019608");
            case "ListSecurityRoles":
                return await SendAsync(HttpMethod.Get, "api/securityRoles");
            case DocumentedSamples.ErrorPrefix:
                return await SendAsync(HttpMethod.Get, "api/subscriptions/0123456789ABCDEF0123456789ABCDEF", project: true);
            default:
                Assert.Fail($"{operationId} has a documented sample but no call of the emulator here: add one");
                throw new InvalidOperationException();
        }
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Seeds", name));

    private async Task<string> FirstCacheIdAsync()
    {
        var (_, caches) = await SendAsync(HttpMethod.Get, $"api/monitors/caches/cubes?clusterNode={Seeds.Nodes[0]}");
        return (string)caches["cubeCaches"]![0]!["id"]!;
    }

    private async Task<string> NewUserAsync()
    {
        var (_, user) = await SendAsync(HttpMethod.Post, "api/users", $$"""{"username":"shape-{{Guid.NewGuid():N}}","password":"p"}""");
        return (string)user["id"]!;
    }

    private async Task<string> NewGroupAsync()
    {
        var (_, group) = await SendAsync(HttpMethod.Post, "api/usergroups", $$"""{"name":"shape-{{Guid.NewGuid():N}}","members":["{{await NewUserAsync()}}"]}""");
        return (string)group["id"]!;
    }

    private async Task<string> DataModelInstanceAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/dataModels/{Seeds.DataModelId}/instances");
        request.Headers.Add("X-MSTR-AuthToken", _token);
        request.Headers.Add("X-MSTR-ProjectID", Seeds.ProjectId);
        using var response = await _http.SendAsync(request);
        return response.Headers.GetValues("X-MSTR-DataModelInstanceId").Single();
    }

    private async Task<string> DashboardInstanceAsync()
    {
        var (_, instance) = await SendAsync(HttpMethod.Post, $"api/documents/{ReportSeeds.DashboardId}/instances", "{}", project: true);
        return (string)instance["mid"]!;
    }

    private async Task<(int Status, JToken Answer)> SendAsync(HttpMethod method, string path, string? json = null, bool project = false, (string Name, string Value)[]? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-MSTR-AuthToken", _token);
        request.Headers.Accept.ParseAdd("application/json");
        if (project)
        {
            request.Headers.Add("X-MSTR-ProjectID", Seeds.ProjectId);
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? new JObject() : JToken.Parse(text));
    }
}
