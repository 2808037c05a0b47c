using System.Net;
using System.Reflection;
using System.Text;
using Newtonsoft.Json.Linq;
using NSwag;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The emulator serves every operation of the spec: each path and method the spec declares is
/// sent to it (read from the spec itself, so no list can fall behind), and none may answer as an
/// unknown route. A route that exists may still refuse the made-up ids and bodies sent here.
/// </summary>
public sealed class EmulatorCoverageTests : EmulatorTest
{
    /// <summary>An id no seeded object has: a route that exists answers it with its own 404 or 400.</summary>
    private const string UnknownId = "0123456789ABCDEF0123456789ABCDEF";

    private static string SpecPath => Path.Combine(
        typeof(EmulatorCoverageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "spec",
        "strategy.openapi.yaml");

    /// <summary>Every operation, from the catalog generated with the clients.</summary>
    public static IEnumerable<TestCaseData> Operations() =>
        Generated.StrategyOperations.All
            .OrderBy(o => o.OperationId, StringComparer.Ordinal)
            .Select(o => new TestCaseData(o.Method, o.PathTemplate, RequiredQuery(o), o.HasRequestBody).SetArgDisplayNames(o.OperationId));

    [Test]
    public async Task The_catalog_holds_every_operation_of_the_spec()
    {
        var document = await OpenApiYamlDocument.FromFileAsync(SpecPath);

        Assert.That(
            Generated.StrategyOperations.All.Select(o => $"{o.OperationId} {o.Method} {o.PathTemplate}"),
            Is.EquivalentTo(document.Operations.Select(o => $"{o.Operation.OperationId} {o.Method.ToUpperInvariant()} {o.Path}")));
    }

    [TestCaseSource(nameof(Operations))]
    public async Task The_emulator_serves_the_operation(string method, string path, string query, bool hasBody)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", Encoding.UTF8, "application/json"));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var relative = System.Text.RegularExpressions.Regex.Replace(path.TrimStart('/'), @"\{[^}]+\}", UnknownId) + query;
        using var request = new HttpRequestMessage(new HttpMethod(method), relative);
        request.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());
        request.Headers.Add("X-MSTR-ProjectID", Seeds.ProjectId);
        request.Headers.Add("X-MSTR-DataModelInstanceId", UnknownId);
        if (hasBody)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.MethodNotAllowed), body);
            Assert.That(IsUnknownRoute(response.StatusCode, body), Is.False, $"{method} {path} answered as an unknown route: {body}");
            Assert.That((int)response.StatusCode, Is.LessThan(500), $"{method} {path} failed inside the emulator: {body}");
        });
    }

    [Test]
    public async Task An_unknown_route_is_told_apart()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/no/such/route");
        request.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());

        using var response = await http.SendAsync(request);

        Assert.That(IsUnknownRoute(response.StatusCode, await response.Content.ReadAsStringAsync()), Is.True, "the check above can fail");
    }

    /// <summary>The emulator's answer to a route it does not have: 404 ERR004 "No resource answers …".</summary>
    private static bool IsUnknownRoute(HttpStatusCode status, string body) =>
        status == HttpStatusCode.NotFound
        && body.StartsWith('{')
        && ((string?)JObject.Parse(body)["message"])?.StartsWith("No resource answers", StringComparison.Ordinal) == true;

    /// <summary>The operation's required query parameters, each with a value of its type.</summary>
    private static string RequiredQuery(Generated.StrategyOperation operation)
    {
        var required = operation.Parameters
            .Where(p => p.Location == "query" && p.Required)
            .Select(p => p.Name + "=" + SampleValue(p))
            .ToList();
        return required.Count == 0 ? string.Empty : "?" + string.Join("&", required);
    }

    private static string SampleValue(Generated.StrategyOperationParameter parameter) =>
        parameter.AllowedValues.Count > 0 ? Uri.EscapeDataString(parameter.AllowedValues[0])
        : parameter.Type == "integer" ? "32"
        : UnknownId;
}
