using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The official Python client's (mstrio-py a4e953e) user, group, security role and ACL calls, as its
/// source writes them, replayed against the emulator: <c>User.create</c> (users.py, create: the body
/// with its None values deleted), <c>list_users</c> (Everyone's members, 1000 a page, the total from
/// x-mstr-total-count), <c>UserGroup.add_users</c> (entity.py's patch body: add /members),
/// <c>SecurityRole.grant_to</c> (add /members {projectId, memberIds}, then its members read with subType)
/// and <c>acl_alter</c> (utils/acl.py: the object read, then PUT with one entry).
/// </summary>
public sealed class OfficialClientPeopleReplayTests : EmulatorTest
{
    private HttpClient _python = null!;
    private string _token = null!;

    [SetUp]
    public async Task ConnectAsTheOfficialClientDoes()
    {
        _python = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = Emulator.BaseUrl };
        using var login = await _python.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["loginMode"] = "1",
            ["applicationType"] = "76",
            ["username"] = "administrator",
            ["password"] = string.Empty,
        }));
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        _token = login.Headers.GetValues("X-MSTR-AuthToken").Single();
    }

    [TearDown]
    public void Close() => _python.Dispose();

    [Test]
    public async Task Creating_listing_grouping_granting_and_changing_an_acl_are_accepted_and_answered_with_what_it_reads()
    {
        // User.create: every argument it was given, None values deleted.
        var (created, user) = await SendAsync(HttpMethod.Post, "api/users", null, new JObject
        {
            ["username"] = "py.user",
            ["fullName"] = "Py User",
            ["description"] = "made by mstrio",
            ["password"] = "S3cret!pw",
            ["enabled"] = true,
            ["passwordModifiable"] = true,
            ["requireNewPassword"] = true,
            ["standardAuth"] = true,
            ["passwordAutoExpire"] = false,
            ["passwordExpirationFrequency"] = 90,
            ["memberships"] = new JArray(),
        });
        var userId = (string)user["id"]!;

        // list_users: the first page of Everyone's members, the rest by the total header.
        using var members = await Raw(HttpMethod.Get, $"api/usergroups/C82C6B1011D2894CC0009D9F29718E4F/members?includeAccess=False&offset=0&limit=1000", null, null);
        var listed = JArray.Parse(await members.Content.ReadAsStringAsync());

        // UserGroup.create, then add_users: entity.py's patch body.
        var (_, group) = await SendAsync(HttpMethod.Post, "api/usergroups", null, new JObject { ["name"] = "Py Group", ["description"] = "d", ["memberships"] = new JArray(), ["members"] = new JArray() });
        var (added, changedGroup) = await SendAsync(HttpMethod.Patch, $"api/usergroups/{group["id"]}", null, new JObject
        {
            ["operationList"] = new JArray(new JObject { ["op"] = "add", ["path"] = "/members", ["value"] = new JArray(userId) }),
        });

        // SecurityRole.grant_to: add /members with the project, then list_members reads the role's projects.
        var (granted, role) = await SendAsync(HttpMethod.Patch, "api/securityRoles/73F7482111D3596C60001B8F67019608", null, new JObject
        {
            ["operationList"] = new JArray(new JObject { ["op"] = "add", ["path"] = "/members", ["value"] = new JObject { ["projectId"] = Seeds.ProjectId, ["memberIds"] = new JArray(userId) } }),
        });

        // acl_alter: the object read first (for inheritable), then one entry per call.
        var (_, before) = await SendAsync(HttpMethod.Get, $"api/objects/{Seeds.ProjectId}?type=32", Seeds.ProjectId);
        var (altered, after) = await SendAsync(HttpMethod.Put, $"api/objects/{Seeds.ProjectId}?type=32", Seeds.ProjectId, new JObject
        {
            ["acl"] = new JArray(new JObject { ["op"] = "ADD", ["trustee"] = userId, ["rights"] = 199, ["type"] = 1, ["denied"] = false, ["inheritable"] = false }),
        });

        Assert.Multiple(() =>
        {
            Assert.That(created, Is.EqualTo(201));
            Assert.That(user["memberships"]!.Select(m => (string)m["name"]!), Is.EqualTo(new[] { "Everyone" }), "automatically in Everyone");
            Assert.That(members.Headers.GetValues("x-mstr-total-count").Single(), Is.EqualTo(listed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(listed.Select(m => (string)m["abbreviation"]!), Does.Contain("py.user"), "list_users filters on name and abbreviation");
            Assert.That(added, Is.EqualTo(200));
            Assert.That(changedGroup["members"]!.Select(m => (string)m["id"]!), Is.EqualTo(new[] { userId }));
            Assert.That(granted, Is.EqualTo(200));
            Assert.That(role["projects"]![0]!["members"]!.Select(m => ((string)m["id"]!, (int)m["subType"]!)), Is.EqualTo(new[] { (userId, 8704) }), "list_members reads subType");
            Assert.That(before["acl"], Is.Not.Null);
            Assert.That(altered, Is.EqualTo(200));
            Assert.That(after["acl"]!.Where(e => (string)e["trusteeId"]! == userId).Select(e => ((long)e["rights"]!, (bool)e["deny"]!)), Is.EqualTo(new[] { (199L, false) }));
        });
    }

    private async Task<(int Status, JObject Answer)> SendAsync(HttpMethod method, string path, string? project, JObject? json = null)
    {
        using var response = await Raw(method, path, project, json);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? [] : JObject.Parse(text));
    }

    private async Task<HttpResponseMessage> Raw(HttpMethod method, string path, string? project, JObject? json)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-MSTR-AuthToken", _token);
        if (project is not null)
        {
            request.Headers.Add("X-MSTR-ProjectID", project);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json.ToString(Newtonsoft.Json.Formatting.None), Encoding.UTF8, "application/json");
        }

        return await _python.SendAsync(request);
    }
}
