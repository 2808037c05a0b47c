using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The rules a real server enforces and the emulator now enforces too, with the client meeting
/// them: session cookie and token, API-token and form-encoded logins, JSON errors for unknown
/// routes, server status and user info, subscriptions other clients left behind.
/// </summary>
public sealed class ServerFidelityTests : EmulatorTest
{
    [Test]
    public async Task The_connection_sends_the_session_cookie_with_every_request()
    {
        // A client that dropped cookies would get 401 ERR009 on every call after login here.
        var dataModels = Connection.CreateClient<DataModelsClient>();
        var status = await dataModels.PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits);
        var user = await Connection.CreateClient<SessionsClient>().GetUserInfoAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(user.Id, Is.EqualTo(Seeds.AdministratorId));
            Assert.That(Emulator.RequestsWithoutCookie, Is.Zero);
        });
    }

    [Test]
    public async Task A_token_without_the_session_cookie_is_refused_as_a_lost_session()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", Json("""{"loginMode":1,"username":"administrator","password":""}"""));
        var token = login.Headers.GetValues("X-MSTR-AuthToken").Single();

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/sessions/userInfo");
        request.Headers.Add("X-MSTR-AuthToken", token);
        using var answer = await http.SendAsync(request);

        var error = JObject.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((string?)error["code"], Is.EqualTo("ERR009"));
            Assert.That(Emulator.RequestsWithoutCookie, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task API_token_login_sends_the_token_as_username_and_the_server_accepts_it_there_only()
    {
        var options = new StrategyEmulatorOptions();
        await using var connection = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.ApiToken(options.ApiToken), Seeds.ProjectId, Retry);
        var user = await connection.CreateClient<SessionsClient>().GetUserInfoAsync();

        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var asPassword = await http.PostAsync("api/auth/login", Json($$"""{"loginMode":4096,"password":"{{options.ApiToken}}"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(Seeds.AdministratorId));
            Assert.That(asPassword.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a token sent as password is refused");
        });
    }

    [Test]
    public async Task A_form_encoded_login_works_like_a_JSON_one()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var good = await http.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["loginMode"] = "1", ["username"] = "administrator", ["password"] = string.Empty, ["applicationType"] = "35",
        }));
        using var wrong = await http.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["loginMode"] = "1", ["username"] = "administrator", ["password"] = "not it",
        }));
        using var notAMode = await http.PostAsync("api/auth/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["loginMode"] = "standard" }));

        Assert.Multiple(async () =>
        {
            Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(good.Headers.Contains("X-MSTR-AuthToken"), Is.True);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((string?)JObject.Parse(await wrong.Content.ReadAsStringAsync())["code"], Is.EqualTo("ERR003"));
            Assert.That(notAMode.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        });
    }

    [Test]
    public async Task An_unknown_route_answers_a_JSON_ERR004_that_the_client_reads()
    {
        var error = Assert.ThrowsAsync<StrategyApiException>(() => Connection.CreateClient<SubscriptionsClient>().GetSubscriptionAsync("0000000000000000000000000000000F"))!;
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var unknown = await http.GetAsync("api/no/such/route");

        Assert.Multiple(async () =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("ERR004"));
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
            Assert.That(unknown.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            var body = JObject.Parse(await unknown.Content.ReadAsStringAsync());
            Assert.That((string?)body["code"], Is.AnyOf("ERR004", "ERR009"), "an unknown route needs a session first, as on a server");
        });
    }

    [Test]
    public async Task An_unknown_route_with_a_session_answers_ERR004_with_a_message()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", Json("""{"loginMode":1,"username":"administrator","password":""}"""));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/no/such/route");
        request.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());

        using var answer = await http.SendAsync(request);

        var body = JObject.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((string?)body["code"], Is.EqualTo("ERR004"));
            Assert.That((string?)body["message"], Does.Contain("api/no/such/route"));
        });
    }

    [Test]
    public async Task Status_needs_no_session_and_user_info_names_the_logged_in_user()
    {
        using var anonymous = new HttpClient { BaseAddress = Emulator.BaseUrl };
        var status = await new ServerClient(anonymous).GetServerStatusAsync();
        var user = await Connection.CreateClient<SessionsClient>().GetUserInfoAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.IServerVersion, Is.EqualTo(new StrategyEmulatorOptions().ServerVersion));
            Assert.That(status.WebVersion, Is.Not.Null.And.Not.Empty);
            Assert.That(user.Username, Is.EqualTo("administrator"));
            Assert.That(user.FullName, Is.EqualTo("Administrator"));
        });
    }

    [Test]
    public async Task A_publish_body_without_tables_answers_the_servers_message_and_the_client_never_sends_one()
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", Json("""{"loginMode":1,"username":"administrator","password":""}"""));
        var token = login.Headers.GetValues("X-MSTR-AuthToken").Single();
        using var create = Request(HttpMethod.Post, $"api/dataModels/{Seeds.DataModelId}/instances", token);
        using var created = await http.SendAsync(create);
        using var publish = Request(HttpMethod.Post, $"api/dataModels/{Seeds.DataModelId}/publish", token);
        publish.Headers.Add("X-MSTR-DataModelInstanceId", created.Headers.GetValues("X-MSTR-DataModelInstanceId").Single());
        publish.Content = Json("{}");

        using var answer = await http.SendAsync(publish);
        var error = JObject.Parse(await answer.Content.ReadAsStringAsync());
        var openBefore = Emulator.OpenInstanceCount;
        var refused = Assert.ThrowsAsync<ArgumentException>(() =>
            Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, new PublishRequest(), FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)error["message"], Is.EqualTo("tableRefreshSettings cannot be null"));
            Assert.That(refused!.Message, Does.Contain("'tables' needs at least 1 item"));
            Assert.That(Emulator.OpenInstanceCount, Is.EqualTo(openBefore), "refused before an instance was created");
        });
    }

    [Test]
    public async Task A_subscription_another_client_left_lists_and_reads_as_stored()
    {
        var foreign = JObject.Parse(Foreign("GetSubscription.expression-filter.json"));
        var id = Emulator.SeedSubscription(foreign.ToString());
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        await subscriptions.CreateSubscriptionAsync(Strategy.Generated.DataModelRefreshSubscription.Create(
            "seed-shaped", Seeds.DataModelId, [new TableRefresh { Id = Seeds.YtdDayTableId, RefreshPolicy = RefreshPolicy.Replace }], [Seeds.AllTheTimeScheduleId]));

        var all = new List<Subscription>();
        await foreach (var subscription in subscriptions.EnumerateSubscriptionsAsync())
        {
            all.Add(subscription);
        }

        var read = await subscriptions.GetSubscriptionAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(s => s.Name), Is.EquivalentTo(new[] { "Nightly refresh (made by mstrio-py)", "seed-shaped" }));
            Assert.That(read.Contents.Single().RefreshCondition!.Filters!.Single().Expression!.Operator, Is.EqualTo("In"));
            Assert.That(read.AdditionalProperties.Keys, Does.Contain("status"), "a property the spec does not list is kept");
            Assert.That(read.LastRun, Is.Not.Null);
            Assert.That(StrategyJson.TryGetUnrecognizedValue(read.Contents.Single().RefreshCondition!.Tables![1], "refreshPolicy", out var policy) ? policy : null, Is.EqualTo("merge_on_key"));
        });
    }

    [Test]
    public async Task A_subscription_with_an_expression_filter_and_a_dataset_policy_is_stored_and_given_back_as_sent()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var request = Strategy.Generated.DataModelRefreshSubscription.Create(
            "expression", Seeds.DataModelId, [new TableRefresh { Id = Seeds.YtdDayTableId, RefreshPolicy = RefreshPolicy.Replace }], [Seeds.AllTheTimeScheduleId]);
        var condition = request.Contents.Single().RefreshCondition!;
        condition.Tables = [];
        condition.DatasetRefreshPolicy = RefreshPolicy.Upsert;
        condition.Filters = [new RefreshFilter
        {
            Type = FilterType.Refresh,
            Expression = new FilterExpression
            {
                Operator = "In",
                Operands = [new Dictionary<string, object> { ["type"] = "form", ["attribute"] = new JObject { ["id"] = Seeds.AttributeId } }],
            },
        }];
        request.AdditionalProperties["addedByANewerClient"] = true;

        var created = await subscriptions.CreateSubscriptionAsync(request);
        var read = await subscriptions.GetSubscriptionAsync(created.Id);
        var idAndName = await subscriptions.GetSubscriptionAsync(created.Id, fields: "id,name");

        var filter = read.Contents.Single().RefreshCondition!.Filters!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(read.Contents.Single().RefreshCondition!.DatasetRefreshPolicy, Is.EqualTo(RefreshPolicy.Upsert));
            Assert.That(filter.Qualification, Is.Null);
            Assert.That(filter.Expression!.Operands!.Single()["attribute"], Is.EqualTo(new JObject { ["id"] = Seeds.AttributeId }).Using<object>((a, b) => JToken.DeepEquals((JToken)a, (JToken)b)));
            Assert.That(read.AdditionalProperties["addedByANewerClient"], Is.EqualTo(true));
            Assert.That(idAndName.Name, Is.EqualTo("expression"));
            Assert.That(idAndName.Contents, Is.Null, "fields=id,name answers only those");
        });
    }

    [Test]
    public async Task Without_tables_or_a_dataset_policy_a_refresh_subscription_is_refused()
    {
        var request = Strategy.Generated.DataModelRefreshSubscription.Create(
            "no tables", Seeds.DataModelId, [new TableRefresh { Id = Seeds.YtdDayTableId, RefreshPolicy = RefreshPolicy.Replace }], [Seeds.AllTheTimeScheduleId]);
        request.Contents.Single().RefreshCondition!.Tables = [];

        var error = Assert.ThrowsAsync<StrategyApiException>(() => Connection.CreateClient<SubscriptionsClient>().CreateSubscriptionAsync(request))!;

        Assert.That(error.ServerMessage, Does.Contain("datasetRefreshPolicy"));
        await Task.CompletedTask;
    }

    [Test]
    public void On_a_current_server_an_unknown_data_model_stays_not_found()
    {
        var error = Assert.ThrowsAsync<StrategyApiException>(() =>
            Connection.CreateClient<DataModelsClient>().CreateDataModelInstanceAsync("00000000000000000000000000000000"))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
            Assert.That(error.OperationId, Is.EqualTo("CreateDataModelInstance"));
        });
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Request(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-MSTR-AuthToken", token);
        request.Headers.Add("X-MSTR-ProjectID", Seeds.ProjectId);
        return request;
    }

    private static string Foreign(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Foreign", name));

    [Test]
    public async Task A_session_idle_past_its_timeout_is_gone_from_the_state_as_from_a_server()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { SessionIdleTimeout = TimeSpan.FromMilliseconds(1) });
        await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId);
        await connection.LoginAsync();

        // Longer than the timeout, whatever the machine: nothing touched it since.
        await Task.Delay(50);

        Assert.That(emulator.SessionCount, Is.Zero, "an idle session is not open");
    }

    [Test]
    public async Task An_instance_idle_past_its_timeout_is_gone_from_the_state_as_from_a_server()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { InstanceIdleTimeout = TimeSpan.FromMilliseconds(1) });
        await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId);
        var created = await connection.CreateClient<DataModelsClient>().CreateDataModelInstanceAsync(Seeds.DataModelId);

        await Task.Delay(50);

        Assert.Multiple(() =>
        {
            Assert.That(created.DataModelInstanceId, Is.Not.Empty);
            Assert.That(emulator.OpenInstanceCount, Is.Zero, "an expired instance is not open");
            Assert.That(emulator.SessionCount, Is.EqualTo(1), "the session it was made in still is");
        });
    }
}
