using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

public sealed class SchemaClientTests : ClientTest<SchemaClient>
{
    protected override SchemaClient Create(HttpClient http) => new(http);

    [Test]
    public async Task Asynchronous_reload_sends_the_seed_request_and_answers_the_running_task()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/model/schema/reload"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .WithHeaders("Prefer", "respond-async")
            .WithJsonBody(Fixtures.Json("ReloadSchema.request.json"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.Accepted, Fixtures.Text("ReloadSchema.202.json")));

        var task = await Client.ReloadSchemaAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey, SchemaUpdateType.EntryLevel, SchemaUpdateType.LogicalSize] },
            PreferHeader.RespondAsync,
            CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(task!.Id, Is.EqualTo(MockServer.TaskId));
            Assert.That(task.Task, Is.EqualTo("reloadSchema"));
            Assert.That(task.Status, Is.EqualTo(ModelTaskStatus.Running));
            Assert.That(task.StartTime, Is.EqualTo(new DateTimeOffset(2021, 3, 24, 2, 5, 14, TimeSpan.Zero).AddTicks(2363960)));
        });
    }

    [Test]
    public async Task Synchronous_reload_answers_201_with_no_body_and_no_task()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url("api/model/schema/reload"))
            .WithoutHeader("Prefer")
            .WithJsonBody(Newtonsoft.Json.Linq.JToken.Parse("""{"updateTypes":[]}"""))
            .Respond(HttpStatusCode.Created);

        var task = await Client.ReloadSchemaAsync(new SchemaReloadRequest(), cancellationToken: CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(task, Is.Null);
    }

    [Test]
    public async Task Task_status_is_read_from_the_task_path()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url($"api/model/tasks/{MockServer.TaskId}"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond("application/json", Fixtures.Text("GetTask.200.json"));

        var task = await Client.GetTaskAsync(MockServer.TaskId, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(task!.Status, Is.EqualTo(ModelTaskStatus.Completed));
            Assert.That(task.EndTime, Is.EqualTo(DateTimeOffset.Parse("2021-03-24T02:05:15.740630Z", System.Globalization.CultureInfo.InvariantCulture)));
        });
    }
}
