using System.Net;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Http;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Workflows;

public sealed class TableSelectionTests : ClientTest<DataModelsClient>
{
    private static readonly string TablesUrl = MockServer.Url($"api/model/dataModels/{MockServer.DataModelId}/tables");
    private static readonly string PublishUrl = MockServer.Url($"api/dataModels/{MockServer.DataModelId}/publish");

    protected override DataModelsClient Create(HttpClient http) => new(http);

    [SetUp]
    public void ServeTheSeedTables() =>
        Server.Handler.When(HttpMethod.Get, TablesUrl).Respond("application/json", Fixtures.Text("ListDataModelTables.200.json"));

    [Test]
    public async Task Names_resolve_to_ids_with_their_policies()
    {
        var request = await TableSelection.ByName([KeyValuePair.Create("ytd_day", RefreshPolicy.Upsert), KeyValuePair.Create("CITY_MNTH_SLS", RefreshPolicy.Add)])
            .ResolveAsync(Client, MockServer.DataModelId);

        Assert.That(request.Tables.Select(t => (t.Id, t.RefreshPolicy)), Is.EqualTo(new[]
        {
            ("B8A627B44A7A421C81741B868401E446", RefreshPolicy.Upsert),
            ("612801B773AF4EFD974FF1F54FFAFB32", RefreshPolicy.Add),
        }));
    }

    [Test]
    public void An_unknown_name_lists_the_tables_there_are()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => TableSelection.ByName(RefreshPolicy.Replace, "sales").ResolveAsync(Client, MockServer.DataModelId));

        Assert.That(error!.Message, Does.Contain("no table named 'sales'").And.Contain("ytd_day, city_mnth_sls"));
    }

    [Test]
    public async Task Publishing_all_tables_with_one_policy_sends_every_table()
    {
        Server.Handler.When(HttpMethod.Post, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/instances"))
            .Respond(_ => MockServer.Answer(HttpStatusCode.NoContent, null, (StrategyHeaders.DataModelInstanceId, MockServer.InstanceId)));
        var publish = Server.Handler.When(HttpMethod.Post, PublishUrl).WithJsonBody(JToken.Parse("""
            {"tables":[{"id":"B8A627B44A7A421C81741B868401E446","refreshPolicy":"update"},
                       {"id":"612801B773AF4EFD974FF1F54FFAFB32","refreshPolicy":"update"}]}
            """)).Respond(HttpStatusCode.NoContent);
        Server.Handler.When(HttpMethod.Get, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/publishStatus")).Respond("application/json", """{"status":0}""");
        Server.Handler.When(HttpMethod.Delete, MockServer.Url($"api/dataModels/{MockServer.DataModelId}/instances/{MockServer.InstanceId}")).Respond(HttpStatusCode.NoContent);

        await Client.PublishAndWaitAsync(MockServer.DataModelId, RefreshPolicy.Update, Waits.Fast);

        Assert.That(Server.Handler.GetMatchCount(publish), Is.EqualTo(1));
    }

    [Test]
    public void Bad_selections_are_rejected_when_made()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => TableSelection.ById(RefreshPolicy.Replace), Throws.ArgumentException.With.Message.Contains("at least one table"));
            Assert.That(() => TableSelection.ById(RefreshPolicy.Replace, "not-an-id"), Throws.ArgumentException.With.Message.Contains("32 hexadecimal"));
            Assert.That(() => TableSelection.ByName(RefreshPolicy.Replace, "a", "a"), Throws.ArgumentException.With.Message.Contains("twice"));
            Assert.That(() => TableSelection.ByName(RefreshPolicy.Replace, " "), Throws.ArgumentException.With.Message.Contains("empty"));
            Assert.That(() => TableSelection.All((RefreshPolicy)42), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => TableSelection.ByIdOrName([KeyValuePair.Create("ytd_day", RefreshPolicy.Add), KeyValuePair.Create("0D1436DF3004418086D8BD3FD985EC4A", RefreshPolicy.Add)]),
                Throws.ArgumentException.With.Message.Contains("not both"));
        });
    }

    [Test]
    public async Task Ids_are_used_as_given_without_listing_tables()
    {
        var request = await TableSelection.ById(RefreshPolicy.Replace, "0D1436DF3004418086D8BD3FD985EC4A").ResolveAsync(Client, MockServer.DataModelId);

        Assert.That(request.Tables.Single().Id, Is.EqualTo("0D1436DF3004418086D8BD3FD985EC4A"));
    }

    [TestCase("upsert", RefreshPolicy.Upsert)]
    [TestCase("REPLACE", RefreshPolicy.Replace)]
    public void Policies_parse_from_their_wire_names(string text, RefreshPolicy expected)
    {
        Assert.That(StrategyEnums.Parse<RefreshPolicy>(text), Is.EqualTo(expected));
    }

    [Test]
    public void An_unknown_policy_name_says_which_there_are()
    {
        Assert.That(() => StrategyEnums.Parse<RefreshPolicy>("sometimes"),
            Throws.ArgumentException.With.Message.Contains("replace, add, update, upsert"));
    }
}
