using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Strategy.Emulator;
using Strategy.Emulator.Faults;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// What an operator sees with OpenTelemetry: one span per workflow helper over its HTTP attempts,
/// tagged after the HTTP conventions and with the ids the spec declares, statuses as events, no
/// secrets; and the instruments a MeterListener reads.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests : EmulatorTest
{
    private readonly List<Activity> _spans = [];
    private TracerProvider _tracer = null!;

    [SetUp]
    public void StartTracing()
    {
        // One fixture instance serves every test: start each with no spans.
        _spans.Clear();
        _tracer = Sdk.CreateTracerProviderBuilder().AddSource(StrategyDiagnostics.ActivitySourceName).AddInMemoryExporter(_spans).Build()!;
    }

    [TearDown]
    public void StopTracing() => _tracer.Dispose();

    [Test]
    public async Task Running_a_subscription_now_is_one_span_tree_and_a_skipped_run_says_so()
    {
        var subscriptions = Connection.CreateClient<SubscriptionsClient>();
        var created = await subscriptions.CreateSubscriptionAsync(DataModelRefreshSubscription.Create(
            "traced", Seeds.DataModelId, [new TableRefresh { Id = Seeds.SampleTableId, RefreshPolicy = RefreshPolicy.Upsert }], [Seeds.AllTheTimeScheduleId]));
        Emulator.SkipNextSubscriptionRun();

        await subscriptions.SendSubscriptionAndWaitAsync(created.Id, FastWaits);
        _tracer.ForceFlush();

        var root = _spans.Single(s => s.DisplayName == "SendSubscriptionAndWait");
        var children = ChildrenOf(root);
        var wait = children.Single(s => s.DisplayName == "AwaitSubscriptionRun");
        Assert.Multiple(() =>
        {
            Assert.That(children.Select(s => s.DisplayName), Is.EqualTo(new[]
            {
                "GET api/subscriptions/{subscriptionId}",
                "GET api/subscriptions/{subscriptionId}/status",
                "POST api/v2/subscriptions/{subscriptionId}/send",
                "AwaitSubscriptionRun",
            }), "the delivery mode read (a status is reported for it), the last run read, the send, the wait");
            Assert.That(children[1].GetTagItem("http.response.status_code"), Is.EqualTo(500), "no status before the first run");
            Assert.That(root.GetTagItem("strategy.subscription_id"), Is.EqualTo(created.Id));
            Assert.That(wait.GetTagItem("strategy.outcome"), Is.EqualTo("skipped"));
            Assert.That(wait.Events.Select(e => e.Tags.Single().Value), Does.Contain("5"));
        });
    }

    [Test]
    public async Task A_publish_is_one_span_tree_with_its_attempts_ids_statuses_and_no_secrets()
    {
        var status = await Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(
            Seeds.DataModelId, TableSelection.ByName(RefreshPolicy.Upsert, "ytd_day", "city_mnth_sls"), FastWaits);
        _tracer.ForceFlush();

        var root = _spans.Single(s => s.DisplayName == "PublishAndWait");
        var children = ChildrenOf(root);
        var wait = children.Single(s => s.DisplayName == "AwaitPublish");
        var create = children.Single(s => s.DisplayName == "POST api/dataModels/{dataModelId}/instances");
        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(children.Select(s => s.DisplayName), Is.SupersetOf(new[]
            {
                "POST api/dataModels/{dataModelId}/instances",
                "POST api/dataModels/{dataModelId}/publish",
                "AwaitPublish",
                "DELETE api/dataModels/{dataModelId}/instances/{instanceId}",
            }));
            Assert.That(ChildrenOf(wait).Select(s => s.DisplayName), Has.All.EqualTo("GET api/dataModels/{dataModelId}/publishStatus").And.Not.Empty);

            Assert.That(root.GetTagItem("strategy.data_model_id"), Is.EqualTo(Seeds.DataModelId));
            Assert.That(root.GetTagItem("strategy.instance_id"), Is.Not.Null);
            Assert.That(root.GetTagItem("strategy.tables.count"), Is.EqualTo(2));
            Assert.That(root.GetTagItem("strategy.tables.refresh_policy"), Is.EqualTo("upsert"));
            Assert.That(root.GetTagItem("strategy.outcome"), Is.EqualTo("succeeded"));

            Assert.That(wait.Events.Select(e => e.Tags.Single().Value), Does.Contain("1").And.Contain("0"));
            Assert.That(wait.GetTagItem("strategy.polls"), Is.EqualTo(wait.Events.Count()));

            Assert.That(create.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(create.GetTagItem("http.request.method"), Is.EqualTo("POST"));
            Assert.That(create.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
            Assert.That(create.GetTagItem("url.path"), Is.EqualTo($"/MicroStrategyLibrary/api/dataModels/{Seeds.DataModelId}/instances"));
            Assert.That(create.GetTagItem("http.response.status_code"), Is.EqualTo(204));
            Assert.That(create.GetTagItem("strategy.operation"), Is.EqualTo("CreateDataModelInstance"));

            var everything = _spans.SelectMany(s => s.TagObjects.Select(t => t.Value?.ToString())
                .Concat(s.Events.SelectMany(e => e.Tags.Select(t => t.Value?.ToString())))
                .Append(s.DisplayName)).OfType<string>().ToList();
            Assert.That(Emulator.IssuedSecrets, Is.Not.Empty);
            Assert.That(everything.Where(text => Emulator.IssuedSecrets.Any(text.Contains)), Is.Empty, "no token or cookie in any span");
        });
    }

    [Test]
    public void A_failed_publish_is_an_error_span_with_the_outcome()
    {
        Emulator.FailNextPublish();

        Assert.ThrowsAsync<StrategyOperationFailedException>(() =>
            Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits));
        _tracer.ForceFlush();

        var root = _spans.Single(s => s.DisplayName == "PublishAndWait");
        Assert.Multiple(() =>
        {
            Assert.That(root.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(root.GetTagItem("strategy.outcome"), Is.EqualTo("failed"));
            Assert.That(root.GetTagItem("strategy.error_code"), Is.Not.Null);
            Assert.That(ChildrenOf(root).Select(s => s.DisplayName), Does.Contain("DELETE api/dataModels/{dataModelId}/instances/{instanceId}"));
        });
    }

    [Test]
    public async Task After_cancellation_the_clean_up_delete_is_still_a_child_span()
    {
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress<StrategyWaitProgress<PublishStatus>>(_ => cancel.Cancel());

        Assert.CatchAsync<OperationCanceledException>(() =>
            Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits, progress, cancel.Token));
        await Task.Yield();
        _tracer.ForceFlush();

        var root = _spans.Single(s => s.DisplayName == "PublishAndWait");
        var delete = ChildrenOf(root).Single(s => s.DisplayName == "DELETE api/dataModels/{dataModelId}/instances/{instanceId}");
        Assert.Multiple(() =>
        {
            Assert.That(root.GetTagItem("strategy.outcome"), Is.EqualTo("cancelled"));
            Assert.That(root.Status, Is.Not.EqualTo(ActivityStatusCode.Error), "a cancellation is the caller's choice, not a failure");
            Assert.That(delete.GetTagItem("http.response.status_code"), Is.EqualTo(204));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task The_instruments_count_requests_retries_relogins_and_workflows()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StrategyDiagnostics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, Convert.ToDouble(value), copy));
            }
        }

        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<int>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();

        await Connection.LoginAsync();
        Emulator.ExpireSessions();
        Emulator.Faults.Add(new FaultRule { PathContains = "/publishStatus", Status = 503, Count = 1 });
        await Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits);
        listener.RecordObservableInstruments();

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> seen;
        lock (measurements)
        {
            seen = [.. measurements];
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.RequestsInstrument && Equals(m.Tags["strategy.operation"], "CreateDataModelInstance")), Is.Not.Empty);
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.RequestDurationInstrument && Equals(m.Tags["http.response.status_class"], "5xx")), Is.Not.Empty);
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.RetriesInstrument && Equals(m.Tags["strategy.operation"], "GetPublishStatus")), Is.Not.Empty);
            Assert.That(seen.Count(m => m.Instrument == StrategyDiagnostics.ReloginsInstrument), Is.EqualTo(1));
            Assert.That(
                seen.Where(m => m.Instrument == StrategyDiagnostics.RetriesInstrument && Equals(m.Tags["strategy.operation"], "ListDataModelTables")),
                Is.Empty,
                "the resend after the renewal (the table listing met the expired session) is not a retry");
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.WorkflowDurationInstrument
                                        && Equals(m.Tags["strategy.helper"], "PublishAndWait") && Equals(m.Tags["strategy.outcome"], "succeeded")), Has.Exactly(1).Items);
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.WorkflowPollsInstrument && Equals(m.Tags["strategy.helper"], "AwaitPublish")).Select(m => m.Value).ToList(), Is.Not.Empty.And.All.GreaterThanOrEqualTo(1));
            Assert.That(seen.Where(m => m.Instrument == StrategyDiagnostics.ResourcesLeftBehindInstrument), Is.Empty);
        });
    }

    private List<Activity> ChildrenOf(Activity parent) => _spans.Where(s => s.ParentSpanId == parent.SpanId).ToList();
}
