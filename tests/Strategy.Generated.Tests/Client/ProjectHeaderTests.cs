using System.Net;
using RichardSzalay.MockHttp;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

/// <summary>
/// The project header goes where each operation's declaration says: a client in a project leaves it
/// off the calls the official client sends without it (the session, the projects, the cluster's nodes,
/// a dashboard instance's close), and sends it to list a report's dependent subscriptions but not a
/// user's, an event's or a schedule's (<c>x-strategy-project</c> in the spec).
/// </summary>
public sealed class ProjectHeaderTests
{
    private MockServer _server = null!;

    [SetUp]
    public void Start() => _server = new MockServer();

    [TearDown]
    public void Stop() => _server.Dispose();

    public static IEnumerable<TestCaseData> CallsWithoutProject()
    {
        yield return Call("Logout", HttpMethod.Post, "api/auth/logout", HttpStatusCode.NoContent, null, h => new AuthenticationClient(h) { ProjectId = MockServer.ProjectId }.LogoutAsync(CancellationToken.None));
        yield return Call("GetSession", HttpMethod.Get, "api/sessions", HttpStatusCode.OK, "{}", h => new SessionsClient(h) { ProjectId = MockServer.ProjectId }.GetSessionAsync(CancellationToken.None));
        yield return Call("ExtendSession", HttpMethod.Put, "api/sessions", HttpStatusCode.NoContent, null, h => new SessionsClient(h) { ProjectId = MockServer.ProjectId }.ExtendSessionAsync(CancellationToken.None));
        yield return Call("ListProjects", HttpMethod.Get, "api/projects", HttpStatusCode.OK, "[]", h => new ProjectsClient(h) { ProjectId = MockServer.ProjectId }.ListProjectsAsync(CancellationToken.None));
        yield return Call("ListClusterNodes", HttpMethod.Get, "api/monitors/iServer/nodes", HttpStatusCode.OK, """{"nodes":[]}""", h => new MonitorsClient(h) { ProjectId = MockServer.ProjectId }.ListClusterNodesAsync(cancellationToken: CancellationToken.None));
        yield return Call("DeleteDocumentInstance", HttpMethod.Delete, "api/documents/D1/instances/I1", HttpStatusCode.NoContent, null, h => new DocumentsClient(h) { ProjectId = MockServer.ProjectId }.DeleteDocumentInstanceAsync("D1", "I1", CancellationToken.None));
    }

    [TestCaseSource(nameof(CallsWithoutProject))]
    public async Task A_call_about_the_session_or_the_server_goes_without_the_project_of_its_client(HttpMethod method, string path, HttpStatusCode status, string? body, Func<HttpClient, Task> call)
    {
        var seen = new List<bool>();
        _server.Handler.Expect(method, MockServer.Url(path)).Respond(request =>
        {
            seen.Add(request.Headers.Contains(StrategyHeaders.ProjectId));
            return MockServer.Answer(status, body);
        });

        await call(_server.Http);

        _server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(seen, Is.EqualTo(new[] { false }), "the client is in a project, and the call went without it");
    }

    [TestCase(DependentObjectType.Report, true)]
    [TestCase(DependentObjectType.Dashboard, true)]
    [TestCase(DependentObjectType.User, false)]
    [TestCase(DependentObjectType.Event, false)]
    [TestCase(DependentObjectType.Schedule, false)]
    public async Task Dependent_subscriptions_are_listed_in_the_project_for_a_report_or_a_dashboard_only(DependentObjectType type, bool inProject)
    {
        var seen = new List<string?>();
        _server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/dependentSubscriptions")).Respond(request =>
        {
            seen.Add(request.Headers.TryGetValues(StrategyHeaders.ProjectId, out var values) ? values.Single() : null);
            return MockServer.Answer(HttpStatusCode.OK, """{"subscriptions":[]}""");
        });

        await _server.Client(h => new SubscriptionsClient(h)).ListDependentSubscriptionsAsync("O1", type, cancellationToken: CancellationToken.None);

        Assert.That(seen, Is.EqualTo(new[] { inProject ? MockServer.ProjectId : null }));
    }

    [Test]
    public async Task An_object_is_looked_up_in_the_project_of_its_client()
    {
        _server.Handler.Expect(HttpMethod.Get, MockServer.Url("api/objects/R1"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond("application/json", """{"id":"R1","type":3}""");

        var found = await _server.Client(h => new ObjectsClient(h)).GetObjectAsync("R1", 3, cancellationToken: CancellationToken.None);

        _server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(found.Id, Is.EqualTo("R1"));
    }

    [Test]
    public void The_catalog_says_how_each_operation_uses_the_project()
    {
        var byId = StrategyOperations.All.ToDictionary(o => o.OperationId);

        Assert.Multiple(() =>
        {
            Assert.That(
                StrategyOperations.All.Where(o => o.ProjectHeader == StrategyProjectHeaderUse.Never).Select(o => o.OperationId),
                Is.EquivalentTo(new[] { "Logout", "GetSession", "ExtendSession", "ListProjects", "ListClusterNodes", "DeleteDocumentInstance", "ListUserConnections", "DeleteUserConnection", "DeleteUserConnections", "PurgeProjectCaches", "UpdateProjectStatusOnNode", "UpdateProjectStatus", "ListContentCaches", "UpdateContentCaches", "ListDatabaseConnectionInstances", "DeleteDatabaseConnectionInstance",
                "ListUsers", "CreateUser", "GetUser", "UpdateUser", "DeleteUser", "ListUserMemberships", "CreateUserAddress",
                "ListUserGroups", "CreateUserGroup", "GetUserGroup", "UpdateUserGroup", "DeleteUserGroup", "ListUserGroupMembers",
                "ListSecurityRoles", "CreateSecurityRole", "GetSecurityRole", "UpdateSecurityRole", "DeleteSecurityRole", "ListSecurityRoleMembers", "ListPrivileges" }));
            Assert.That(
                (byId["ListDependentSubscriptions"].ProjectHeader, byId["ListDependentSubscriptions"].ProjectHeaderParameter, byId["ListDependentSubscriptions"].ProjectHeaderValues),
                Is.EqualTo((StrategyProjectHeaderUse.ForValues, (string?)"type", (IReadOnlyList<string>)new[] { "report", "dashboard" })));
            Assert.That(byId["PublishCube"].ProjectHeader, Is.EqualTo(StrategyProjectHeaderUse.Required), "a required header parameter");
            Assert.That(byId["GetObject"].ProjectHeader, Is.EqualTo(StrategyProjectHeaderUse.WhenSet), "an optional header parameter");
            Assert.That(byId["ListJobs"].ProjectHeader, Is.EqualTo(StrategyProjectHeaderUse.WhenSet), "no declaration: sent when the client has one, as the official client does");
        });
    }

    private static TestCaseData Call(string name, HttpMethod method, string path, HttpStatusCode status, string? body, Func<HttpClient, Task> call) =>
        new TestCaseData(method, path, status, body, call).SetArgDisplayNames(name);
}
