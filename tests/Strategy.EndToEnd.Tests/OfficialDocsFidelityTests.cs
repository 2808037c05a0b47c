using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Where the spec was wrong against the official REST documentation and the official Python client,
/// and the emulator with it: each test states the server's behaviour from those sources (named beside
/// each in the spec) and fails on the old spec or emulator.
/// </summary>
public sealed class OfficialDocsFidelityTests : EmulatorTest
{
    /// <summary>The quick search's <c>pattern</c> numbers (EnumDSSXMLSearchTypes, the official client's search_enums.py).</summary>
    [TestCase(2, "Sales cube", new[] { "Sales cube" }, Description = "2 is exactly")]
    [TestCase(2, "Sales", new string[0], Description = "2 is exactly: a beginning is not the name")]
    [TestCase(1, "Sales", new[] { "Sales cube" }, Description = "1 begins with")]
    [TestCase(5, "ory cube", new[] { "Inventory cube" }, Description = "5 ends with")]
    [TestCase(0, "Customer Inventory", new[] { "Inventory cube", "Customer cube" }, Description = "0 contains any of the words")]
    [TestCase(4, "cube", new[] { "Sales cube", "Inventory cube", "Customer cube" }, Description = "4 contains")]
    public async Task A_quick_search_matches_names_by_the_servers_search_type_numbers(int pattern, string name, string[] expected)
    {
        var found = await Connection.CreateClient<SearchClient>().SearchObjectsAsync(name, [776], pattern);

        Assert.That(found.Result!.Select(r => r.Name), Is.EquivalentTo(expected));
    }

    [Test]
    public async Task A_cache_on_its_way_out_of_memory_reads_as_unload_pending_in_the_documents_spelling()
    {
        // A change that takes long enough to read the cache while it runs.
        await RestartEmulatorAsync(options => options with { TaskDuration = TimeSpan.FromSeconds(40) });
        var caches = Connection.CreateClient<CubeCachesClient>();
        var cache = (await caches.FindCubeCachesAsync(Seeds.SalesCubeId)).Single();

        await caches.StartUpdateCubeCacheAsync(cache.Id, new CubeCacheChange { State = new CubeCacheStateChange { LoadedState = CubeCacheLoadedState.Unloaded } });
        var during = (await caches.FindCubeCachesAsync(Seeds.SalesCubeId)).Single();
        var flags = await Connection.CreateClient<CubesClient>().GetCubeStatusFlagsAsync(Seeds.SalesCubeId);

        Assert.Multiple(() =>
        {
            Assert.That(during.State!.LoadedState, Is.EqualTo(CubeCacheLoadedState.UnloadPending));
            Assert.That(StrategyEnums.ToWireName(during.State, "loadedState", during.State.LoadedState), Is.EqualTo("unloadPending"));
            Assert.That(flags.Has(CubeStatus.UnloadPending), Is.True, flags.ToString());
        });
    }

    [Test]
    public async Task A_prompts_answered_flag_is_closed_and_the_closed_filter_is_exact()
    {
        var reports = Connection.CreateClient<ReportsClient>();
        var instance = (await reports.CreateReportInstanceAsync(Strategy.Emulator.Reports.ReportSeeds.PromptedReportId, ReportExecutionStage.ResolvePrompts, body: new ReportInstanceRequest())).InstanceId!;

        var all = await reports.ListReportInstancePromptsAsync(Strategy.Emulator.Reports.ReportSeeds.PromptedReportId, instance);
        var answeredOnly = await reports.ListReportInstancePromptsAsync(Strategy.Emulator.Reports.ReportSeeds.PromptedReportId, instance, closed: true);
        var openOnly = await reports.ListReportInstancePromptsAsync(Strategy.Emulator.Reports.ReportSeeds.PromptedReportId, instance, closed: false);

        Assert.Multiple(() =>
        {
            Assert.That(all.Select(p => p.Closed), Is.All.EqualTo(false), "the flag is read from closed, as servers send it");
            Assert.That(all.SelectMany(p => p.AdditionalProperties.Keys), Has.None.EqualTo("closed"), "not left in the bag");
            Assert.That(answeredOnly, Is.Empty, "closed=true lists the answered prompts only");
            Assert.That(openOnly, Has.Count.EqualTo(all.Count));
        });
    }

    [Test]
    public async Task Search_results_are_report_definitions_of_type_3_told_apart_by_their_subtype()
    {
        var search = Connection.CreateClient<SearchClient>();

        var cubes = await search.SearchObjectsAsync(type: [776]);
        var definitions = await search.SearchObjectsAsync(type: [3]);

        Assert.Multiple(() =>
        {
            Assert.That(cubes.Result!.Select(r => (r.Type, r.Subtype)), Is.All.EqualTo(((int?)3, (int?)776)), "a cube is type 3, subtype 776");
            Assert.That(cubes.Result, Has.Count.EqualTo(Seeds.Cubes.Count));
            Assert.That(definitions.Result!.Select(r => r.Subtype), Does.Contain(776).And.Contain(779).And.Contain(768), "type 3 finds cubes and super cubes with the reports");
        });
    }

    [Test]
    public async Task Nested_prompts_are_answered_round_after_round_until_the_instance_stops_waiting()
    {
        var reports = Connection.CreateClient<ReportsClient>();
        var rounds = new List<string[]>();

        var started = await reports.CreateReportInstanceAnsweredAsync(
            Strategy.Emulator.Reports.ReportSeeds.NestedPromptReportId,
            (prompts, _) =>
            {
                rounds.Add([.. prompts.Where(p => p.Closed != true).Select(p => p.Name!)]);
                return Task.FromResult(new PromptAnswers
                {
                    Prompts = [.. prompts.Where(p => p.Closed != true).Select(p => p.Type == PromptType.Value
                        ? new PromptAnswer { Key = p.Key, Type = p.Type, Answers = "1000" }
                        : new PromptAnswer { Key = p.Key, Type = p.Type, Answers = new[] { new Dictionary<string, string> { ["id"] = Strategy.Emulator.Reports.ReportSeeds.RegionElementId(1) } } })],
                });
            },
            body: new ReportInstanceRequest());
        var status = await reports.GetReportInstanceStatusAsync(Strategy.Emulator.Reports.ReportSeeds.NestedPromptReportId, started.InstanceId!);

        Assert.Multiple(() =>
        {
            Assert.That(rounds, Is.EqualTo(new[] { new[] { "Minimum revenue" }, new[] { "Regions" } }), "the nested prompt was asked, and answered, in a second round");
            Assert.That(status.Result.Status, Is.Not.EqualTo(2), "the instance no longer waits for prompts");
        });
    }

    [Test]
    public void An_export_of_a_nested_prompt_report_without_the_nested_answer_names_it_as_missing()
    {
        var error = Assert.ThrowsAsync<StrategyPromptsException>(() => Connection.CreateClient<ReportsClient>().ExportReportAsync(
            Strategy.Emulator.Reports.ReportSeeds.NestedPromptReportId,
            Stream.Null,
            new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 1000 }, Wait = FastWaits }));

        Assert.That(error!.MissingPrompts, Is.EqualTo(new[] { "Regions" }));
    }

    [Test]
    public async Task An_export_of_a_nested_prompt_report_answers_both_levels_and_reads_the_data()
    {
        using var csv = new MemoryStream();

        var result = await Connection.CreateClient<ReportsClient>().ExportReportAsync(
            Strategy.Emulator.Reports.ReportSeeds.NestedPromptReportId,
            csv,
            new ReportExportOptions { Prompts = new Dictionary<string, object> { ["Minimum revenue"] = 0, ["Regions"] = Strategy.Emulator.Reports.ReportSeeds.RegionElementId(1) }, Wait = FastWaits });

        Assert.That(result.Rows, Is.GreaterThan(0));
    }

    [Test]
    public async Task A_time_based_schedule_says_when_it_next_fires_in_scheduleNextDelivery()
    {
        var schedules = (await Connection.CreateClient<SchedulesClient>().ListSchedulesAsync()).Schedules;

        var timeBased = schedules.Single(s => s.Id == Seeds.AllTheTimeScheduleId);
        Assert.Multiple(() =>
        {
            Assert.That(timeBased.ScheduleNextDelivery, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1)), "read into its typed property");
            Assert.That(timeBased.AdditionalProperties.Keys, Has.None.EqualTo("scheduleNextDelivery"));
        });
    }

    [Test]
    public async Task The_server_status_says_whether_an_Intelligence_Server_is_configured()
    {
        var status = await Connection.CreateClient<ServerClient>().GetServerStatusAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.IsIServerConfigured, Is.True);
            Assert.That(status.AdditionalProperties.Keys, Has.None.EqualTo("isIServerConfigured"));
        });
    }

    [Test]
    public async Task A_project_object_is_found_in_the_project_the_header_names_and_not_outside_it()
    {
        await using var outside = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), projectId: null);

        var inProject = await Connection.CreateClient<ObjectsClient>().GetObjectAsync(Seeds.SalesCubeId, 3);
        var notFound = Assert.ThrowsAsync<StrategyApiException>(() => outside.CreateClient<ObjectsClient>().GetObjectAsync(Seeds.SalesCubeId, 3));
        var project = await outside.CreateClient<ObjectsClient>().GetObjectAsync(Seeds.ProjectId, 32);

        Assert.Multiple(() =>
        {
            Assert.That((inProject.Id, inProject.Type, inProject.Subtype), Is.EqualTo((Seeds.SalesCubeId, 3, 776)), "a cube is a report definition of subtype 776");
            Assert.That((notFound!.StatusCode, notFound.ErrorCode), Is.EqualTo((404, "ERR004")), "outside every project the cube is not there");
            Assert.That(project.Name, Is.EqualTo(Seeds.ProjectName), "a project itself needs no project");
        });
    }

    [Test]
    public async Task Dependent_subscriptions_of_a_report_need_the_project_and_those_of_a_schedule_do_not()
    {
        await using var outside = StrategyConnection.Create(Emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), projectId: null);
        var subscriptions = outside.CreateClient<SubscriptionsClient>();
        var listed = Emulator.RequestCount("GET", "/api/dependentSubscriptions");

        var refused = Assert.ThrowsAsync<ArgumentException>(() => subscriptions.ListDependentSubscriptionsAsync(Strategy.Emulator.Reports.ReportSeeds.Reports[0].Id, DependentObjectType.Report));
        var unsent = Emulator.RequestCount("GET", "/api/dependentSubscriptions") - listed;
        var ofSchedule = await subscriptions.ListDependentSubscriptionsAsync(Seeds.AllTheTimeScheduleId, DependentObjectType.Schedule);

        // The server's side of it: a report's dependents asked without the project are refused.
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", System.Text.Encoding.UTF8, "application/json"));
        using var raw = new HttpRequestMessage(HttpMethod.Get, $"api/dependentSubscriptions?objectId={Strategy.Emulator.Reports.ReportSeeds.Reports[0].Id}&type=report");
        raw.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());
        using var answer = await http.SendAsync(raw);

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.StartWith("ListDependentSubscriptions for type report works in a project, and none was given"));
            Assert.That(unsent, Is.Zero, "refused before sending");
            Assert.That(ofSchedule.Subscriptions, Is.Not.Null, "a schedule's dependents are listed without a project");
            Assert.That((int)answer.StatusCode, Is.EqualTo(400), "the emulator requires the header for a report");
        });
    }

    [Test]
    public async Task A_subscription_whose_delivery_mode_has_no_run_status_is_refused_before_it_is_sent()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var request = DataModelRefreshSubscription.Create("shared link", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]);
        request.Delivery!.Mode = DeliveryMode.PersonalView;
        var subscription = await subscriptions.CreateSubscriptionAsync(request);
        var sends = Emulator.RequestCount("POST", "/send");

        var refused = Assert.ThrowsAsync<StrategyStatusUnavailableException>(() => subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain($"subscription {subscription.Id}").And.Contain("delivery mode is PERSONAL_VIEW").And.Contain("EMAIL, HISTORY_LIST, CACHE, FTP, FILE, MOBILE").And.Contain("Nothing was started"));
            Assert.That(Emulator.RequestCount("POST", "/send") - sends, Is.Zero, "nothing was sent");
        });
    }

    [Test]
    public async Task A_server_whose_subscription_status_is_switched_off_refuses_the_wait_before_the_send()
    {
        await RestartEmulatorAsync(options => options with { SubscriptionStatusDisabled = true });
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var subscription = await subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            "no status here", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));

        var refused = Assert.ThrowsAsync<StrategyStatusUnavailableException>(() => subscriptions.SendSubscriptionAndWaitAsync(subscription.Id, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("This endpoint is disabled"));
            Assert.That(Emulator.RequestCount("POST", "/send"), Is.Zero, "nothing was sent");
            Assert.That(Emulator.RequestCount("GET", $"/api/subscriptions/{subscription.Id}/status"), Is.EqualTo(1), "the answer is not retried: it will not change");
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    public async Task A_cube_cache_page_outside_1_to_1000_is_refused_in_the_documents_words(int limit)
    {
        using var http = new HttpClient { BaseAddress = Emulator.BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent("""{"loginMode":1,"username":"administrator","password":""}""", System.Text.Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/monitors/caches/cubes?clusterNode={Seeds.Nodes[0]}&limit={limit}");
        request.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());
        using var answer = await http.SendAsync(request);

        Assert.Multiple(async () =>
        {
            Assert.That((int)answer.StatusCode, Is.EqualTo(400));
            Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("must be greater than or equal to 1, and less than or equal to 1000"));
        });
    }

    [Test]
    public async Task A_cube_cache_change_says_why_it_failed_and_an_unknown_change_is_a_bad_request()
    {
        var caches = Connection.CreateClient<CubeCachesClient>();
        var cache = (await caches.FindCubeCachesAsync(Seeds.SalesCubeId)).Single();
        await caches.UpdateCubeCacheAndWaitAsync(cache.Id, new CubeCacheChange { State = new CubeCacheStateChange { Active = false } }, FastWaits);

        var refused = Assert.ThrowsAsync<StrategyOperationFailedException>(() =>
            caches.UpdateCubeCacheAndWaitAsync(cache.Id, new CubeCacheChange { State = new CubeCacheStateChange { LoadedState = CubeCacheLoadedState.Loaded } }, FastWaits));
        var unknown = Assert.ThrowsAsync<StrategyApiException>(() => caches.GetCubeCacheManipulationStatusAsync("NOT-A-CHANGE"));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Message, Does.Contain("must be active before loading it"), "statusDetail, typed, says why");
            Assert.That(unknown!.StatusCode, Is.EqualTo(400));
            Assert.That(unknown.Message, Does.Contain("Invalid manipulation id"));
        });
    }
}
