using System.Net;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Client;

public sealed class DataModelsClientTests : ClientTest<DataModelsClient>
{
    protected override DataModelsClient Create(HttpClient http) => new(http);

    [Test]
    public async Task Creating_an_instance_answers_its_id_from_the_response_header()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/instances"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, headers: ("X-MSTR-DataModelInstanceId", MockServer.InstanceId)));

        var response = await Client.CreateDataModelInstanceAsync(MockServer.DataModelId, cancellationToken: CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.That(response.DataModelInstanceId, Is.EqualTo(MockServer.InstanceId));
    }

    [Test]
    public async Task Tables_are_listed_with_offset_and_limit()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url($"api/model/dataModels/{MockServer.DataModelId}/tables"))
            .WithExactQueryString("offset=0&limit=-1")
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond("application/json", Fixtures.Text("ListDataModelTables.200.json"));

        var page = await Client.ListDataModelTablesAsync(MockServer.DataModelId, 0, -1, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(page.Total, Is.EqualTo(2));
            Assert.That(page.Tables.Select(t => (t.Information.ObjectId, t.Information.Name)), Is.EqualTo(new[]
            {
                ("B8A627B44A7A421C81741B868401E446", "ytd_day"),
                ("612801B773AF4EFD974FF1F54FFAFB32", "city_mnth_sls"),
            }));
            Assert.That(page.Tables[0].Information.DateModified, Is.EqualTo(new DateTimeOffset(2025, 8, 4, 2, 20, 51, 363, TimeSpan.Zero)));
        });
    }

    [Test]
    public async Task Publish_sends_the_instance_header_and_the_seed_body()
    {
        Server.Handler.Expect(HttpMethod.Post, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/publish"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .WithHeaders(StrategyHeaders.DataModelInstanceId, MockServer.InstanceId)
            .WithJsonBody(Fixtures.Json("PublishDataModel.request.json"))
            .Respond(HttpStatusCode.NoContent);

        await Client.PublishDataModelAsync(
            MockServer.DataModelId,
            MockServer.InstanceId,
            new PublishRequest { Tables = [new TableRefresh { Id = "0D1436DF3004418086D8BD3FD985EC4A", RefreshPolicy = RefreshPolicy.Replace }] },
            CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Publish_status_is_read_with_the_instance_header()
    {
        Server.Handler.Expect(HttpMethod.Get, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/publishStatus"))
            .WithHeaders(StrategyHeaders.DataModelInstanceId, MockServer.InstanceId)
            .Respond("application/json", Fixtures.Text("GetPublishStatus.200.json"));

        var status = await Client.GetPublishStatusAsync(MockServer.DataModelId, MockServer.InstanceId, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.EqualTo(1));
            Assert.That(status.Tables, Is.Null);
        });
    }

    [Test]
    public async Task Publish_status_accepts_a_string_status_and_per_table_states()
    {
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/publishStatus"))
            .Respond("application/json", """
                {"status":"0","tables":[{"id":"0D1436DF3004418086D8BD3FD985EC4A","status":"loaded"},
                                        {"id":"B8A627B44A7A421C81741B868401E446","status":"error","errorCode":-2147072194,"errorMessage":"disk full"}]}
                """);

        var status = await Client.GetPublishStatusAsync(MockServer.DataModelId, MockServer.InstanceId, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(status.Tables!.Select(t => t.Status), Is.EqualTo(new PublishTableState?[] { PublishTableState.Loaded, PublishTableState.Error }));
            Assert.That(status.Tables![1].ErrorCode, Is.EqualTo(-2147072194L));
        });
    }

    [Test]
    public async Task Deleting_an_instance_uses_the_instance_path()
    {
        Server.Handler.Expect(HttpMethod.Delete, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/instances/{MockServer.InstanceId}"))
            .WithHeaders(StrategyHeaders.ProjectId, MockServer.ProjectId)
            .Respond(HttpStatusCode.NoContent);

        await Client.DeleteDataModelInstanceAsync(MockServer.DataModelId, MockServer.InstanceId, CancellationToken.None);

        Server.Handler.VerifyNoOutstandingExpectation();
    }
}
