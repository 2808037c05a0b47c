using System.Net;
using System.Reflection;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// An operation the spec declares plainly (<c>x-strategy-store</c>), added to a copy of the spec and
/// nothing else: the emulator serves it from its store, with the server's 404 for an item it does not
/// hold. (SpecChangeToolsTests builds a copy of the repository with the same change and runs its command,
/// its cmdlet in pwsh and its emulator program, and writes its reference pages again.)
/// </summary>
public sealed class SpecChangeTests
{
    private static string SpecPath => Path.Combine(
        typeof(SpecChangeTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!, "spec", "strategy.openapi.yaml");

    [Test]
    public async Task An_operation_added_to_the_spec_alone_is_served_by_the_emulators_store()
    {
        var changed = SpecChange.AddTo(await File.ReadAllTextAsync(SpecPath));
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", Spec = changed });
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", Encoding.UTF8, "application/json"));
        http.DefaultRequestHeaders.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());

        using var found = await http.GetAsync("api/monitors/dbConnectionInstances/DB02000000000000000000000000000C");
        using var missing = await http.GetAsync("api/monitors/dbConnectionInstances/NO-SUCH-CONNECTION");
        var body = await found.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(JObject.Parse(body)["userName"]!.Value<string>(), Is.EqualTo("designer"));
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(JObject.Parse(await missing.Content.ReadAsStringAsync())["code"]!.Value<string>(), Is.EqualTo("ERR004"));
        });
    }
}
