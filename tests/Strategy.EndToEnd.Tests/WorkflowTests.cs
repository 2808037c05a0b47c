using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>The three workflows of the seeds, end to end over HTTP.</summary>
public sealed class WorkflowTests : EmulatorTest
{
    [Test]
    public async Task Schema_reload_runs_as_a_task_and_completes()
    {
        var schema = Connection.CreateClient<SchemaClient>();
        var progress = new List<string>();

        var task = await schema.ReloadSchemaAndWaitAsync(
            new SchemaReloadRequest { UpdateTypes = [SchemaUpdateType.TableKey, SchemaUpdateType.EntryLevel, SchemaUpdateType.LogicalSize] },
            FastWaits,
            new SynchronousProgress<StrategyWaitProgress<ModelTask>>(p => progress.Add(p.State)));

        Assert.Multiple(() =>
        {
            Assert.That(task!.Status, Is.EqualTo(ModelTaskStatus.Completed));
            Assert.That(task.EndTime, Is.GreaterThanOrEqualTo(task.StartTime!.Value));
            Assert.That(progress, Does.Contain("running").And.Contain("completed"));
        });
    }

    [Test]
    public void A_failing_reload_task_is_a_typed_failure()
    {
        Emulator.FailNextTask();
        var schema = Connection.CreateClient<SchemaClient>();

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => schema.ReloadSchemaAndWaitAsync(new SchemaReloadRequest(), FastWaits));

        Assert.That(error!.Failures.Single().Code, Is.EqualTo("ERR002"));
    }

    [Test]
    public async Task Data_model_refresh_publishes_tables_by_name_and_leaves_no_instance()
    {
        var dataModels = Connection.CreateClient<DataModelsClient>();

        var status = await dataModels.PublishAndWaitAsync(Seeds.DataModelId, TableSelection.ByName(RefreshPolicy.Replace, "ytd_day", "city_mnth_sls"), FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(status.Tables!.Select(t => t.Status), Has.All.EqualTo(PublishTableState.Loaded));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public void A_failing_publish_names_the_table_and_leaves_no_instance()
    {
        Emulator.FailNextPublish();
        var dataModels = Connection.CreateClient<DataModelsClient>();

        var error = Assert.ThrowsAsync<StrategyOperationFailedException>(() => dataModels.PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Upsert, FastWaits));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.First().Subject, Is.EqualTo(Seeds.YtdDayTableId));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task Scheduled_refresh_subscription_survives_a_full_round_trip()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var request = DataModelRefreshSubscription.Create(
            "Nightly refresh", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]);

        var created = await subscriptions.CreateSubscriptionAsync(request);
        var fetched = await subscriptions.GetSubscriptionAsync(created.Id);
        request.Name = "Hourly refresh";
        request.Schedules = [new SubscriptionSchedule { Id = Seeds.PersonalViewScheduleId }];
        var updated = await subscriptions.UpdateSubscriptionAsync(created.Id, request);
        var listed = new List<Subscription>();
        await foreach (var subscription in subscriptions.EnumerateSubscriptionsAsync(pageSize: 1))
        {
            listed.Add(subscription);
        }

        await subscriptions.DeleteSubscriptionAsync(created.Id);
        var gone = Assert.ThrowsAsync<StrategyApiException>(() => subscriptions.GetSubscriptionAsync(created.Id));

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Name, Is.EqualTo("Nightly refresh"));
            Assert.That(fetched.Owner.Id, Is.EqualTo(Seeds.AdministratorId));
            Assert.That(fetched.NextDelivery, Is.Not.Null);
            Assert.That(updated.Name, Is.EqualTo("Hourly refresh"));
            Assert.That(updated.Schedules.Single().Type, Is.EqualTo(ScheduleType.EventBased));
            Assert.That(updated.DateCreated, Is.EqualTo(fetched.DateCreated));
            Assert.That(listed.Select(s => s.Id), Is.EqualTo(new[] { created.Id }));
            Assert.That(gone!.Kind, Is.EqualTo(StrategyErrorKind.NotFound));
        });
    }

    [Test]
    public async Task A_session_that_expires_mid_workflow_is_renewed_once_and_the_workflow_completes()
    {
        var dataModels = Connection.CreateClient<DataModelsClient>();
        await Connection.LoginAsync();
        var expired = false;

        var status = await dataModels.PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits,
            new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ =>
            {
                if (!expired)
                {
                    expired = Emulator.ExpireSessions() > 0;
                }
            }));

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(expired, Is.True);
            Assert.That(Connection.Session.LoginCount, Is.EqualTo(2));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task Wrong_credentials_are_an_authentication_error()
    {
        var connection = Generated.StrategyConnection.Create(Emulator.BaseUrl, Generated.StrategyCredentials.Standard("administrator", "nope"), Seeds.ProjectId);

        var error = Assert.ThrowsAsync<StrategyApiException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Kind, Is.EqualTo(StrategyErrorKind.Authentication));
            Assert.That(error.ToString(), Does.Not.Contain("nope"));
        });
        await connection.DisposeAsync();
    }

    [Test]
    public async Task Logging_out_ends_the_session_on_the_server()
    {
        await Connection.LoginAsync();
        Assert.That(Emulator.SessionCount, Is.EqualTo(1));

        await Connection.LogoutAsync(CancellationToken.None);

        Assert.That(Emulator.SessionCount, Is.Zero);
    }
}

/// <summary>Reports on the caller's thread, in order.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
