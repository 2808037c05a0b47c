using System.Net;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;
using static Strategy.Generated.Tests.Cubes.CubeStubs;

namespace Strategy.Generated.Tests.Cubes;

/// <summary>Many cube publishes at once, stub by stub: the limit on our jobs, rejections at the server's limit, one poll for all, and stopping them all.</summary>
public sealed class PublishCubesTests : ClientTest<CubesClient>
{
    private const string LimitReached = """{"code":"ERR001","message":"The job cannot be executed: the project has reached its limit of 2 jobs running at once; submit it again later."}""";

    private static readonly CubePublishingOptions FastResubmit = new() { ResubmitDelay = TimeSpan.FromMilliseconds(1), MaxResubmitDelay = TimeSpan.FromMilliseconds(5) };

    protected override CubesClient Create(HttpClient http) => new(http);

    [Test]
    public async Task A_publish_rejected_at_the_job_limit_is_submitted_again_and_counted_once()
    {
        var job = JobId(501);
        var posts = Server.Handler.When(HttpMethod.Post, PublishUrl()).Respond(_ => Sequence(
            MockServer.Answer(HttpStatusCode.InternalServerError, LimitReached),
            MockServer.Answer(HttpStatusCode.InternalServerError, LimitReached),
            MockServer.Answer(HttpStatusCode.Accepted, Started(job))));
        Server.Handler.When(HttpMethod.Get, JobsUrl).Respond("application/json", Jobs(Job(job, "completed")));
        Server.Handler.When(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.When(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 501));

        var outcomes = await Client.PublishCubesAndWaitAsync([CubeId], FastResubmit, Waits.Fast);

        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(posts), Is.EqualTo(3), "two rejections, one publish");
            Assert.That(outcomes.Single().Succeeded, Is.True);
            Assert.That(outcomes.Single().Rejections, Is.EqualTo(2));
            Assert.That(outcomes.Single().Job!.Id, Is.EqualTo(job));
        });
    }

    [Test]
    public async Task No_more_than_the_limit_of_our_jobs_run_at_once_and_one_list_per_node_serves_them_all()
    {
        var cubes = new[] { CubeId, OtherCubeId, ThirdCubeId };
        var jobs = new Dictionary<string, string> { [CubeId] = JobId(601, NodeOne), [OtherCubeId] = JobId(602, NodeTwo), [ThirdCubeId] = JobId(603, NodeOne) };
        var running = new HashSet<string>();
        var peak = 0;
        var polls = 0;
        var lists = new List<string>();
        foreach (var cube in cubes)
        {
            Server.Handler.When(HttpMethod.Post, PublishUrl(cube)).Respond(_ =>
            {
                lock (running)
                {
                    running.Add(jobs[cube]);
                    peak = Math.Max(peak, running.Count);
                }

                return MockServer.Answer(HttpStatusCode.Accepted, Started(jobs[cube]));
            });
            Server.Handler.When(HttpMethod.Head, StatusUrl(cube)).Respond(_ => Flags(Ready));
        }

        Server.Handler.When(HttpMethod.Get, JobsUrl).Respond(request =>
        {
            var node = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["nodeName"]!;
            lock (running)
            {
                lists.Add(node);
                polls++;

                // Each job runs for two lists, then completes and leaves the monitor.
                var listed = running.Where(j => StrategyJobId.NodeOf(j) == node).Select(j => Job(j, lists.Count(n => n == node) > 1 ? "completed" : "executing", jobs.First(p => p.Value == j).Key)).ToArray();
                foreach (var done in running.Where(j => StrategyJobId.NodeOf(j) == node && lists.Count(n => n == node) > 1).ToList())
                {
                    running.Remove(done);
                }

                return MockServer.Answer(HttpStatusCode.OK, Jobs(listed));
            }
        });
        Server.Handler.When(HttpMethod.Get, CachesUrl).Respond("application/json", """{"cubeCaches":[]}""");
        var ended = new RecordingProgress<CubePublishOutcome>();

        var outcomes = await Client.PublishCubesAndWaitAsync(cubes, new CubePublishingOptions { MaxConcurrency = 2 }, Waits.Fast, ended);

        Assert.Multiple(() =>
        {
            Assert.That(outcomes.Select(o => o.CubeId), Is.EqualTo(cubes), "one outcome per cube, in the order given");
            Assert.That(outcomes.All(o => o.Succeeded), Is.True);
            Assert.That(peak, Is.LessThanOrEqualTo(2));
            Assert.That(ended.Reports, Has.Count.EqualTo(3));
            Assert.That(Server.Handler.GetMatchCount(Server.Handler.When(HttpMethod.Get, MockServer.Url("api/v2/monitors/jobs/*"))), Is.Zero, "no job is read alone");
        });
    }

    [Test]
    public void A_failed_publish_among_several_names_the_cube_and_why_and_keeps_every_outcome()
    {
        var good = JobId(701);
        var bad = JobId(702, NodeTwo);
        Server.Handler.When(HttpMethod.Post, PublishUrl(CubeId)).Respond(HttpStatusCode.Accepted, "application/json", Started(good));
        Server.Handler.When(HttpMethod.Post, PublishUrl(OtherCubeId)).Respond(HttpStatusCode.Accepted, "application/json", Started(bad));
        Server.Handler.When(HttpMethod.Get, JobsUrl).WithQueryString("nodeName", NodeOne).Respond("application/json", Jobs(Job(good, "completed")));
        Server.Handler.When(HttpMethod.Get, JobsUrl).WithQueryString("nodeName", NodeTwo).Respond("application/json", Jobs(Job(bad, "error", OtherCubeId, "Warehouse table INVENTORY is missing.")));
        Server.Handler.When(HttpMethod.Head, StatusUrl(CubeId)).Respond(_ => Flags(Ready));
        Server.Handler.When(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 701));

        var error = Assert.ThrowsAsync<StrategyCubePublishesFailedException>(() => Client.PublishCubesAndWaitAsync([CubeId, OtherCubeId], null, Waits.Fast));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Outcomes.Select(o => o.Succeeded), Is.EqualTo(new[] { true, false }));
            Assert.That(error.Failed.Single().CubeId, Is.EqualTo(OtherCubeId));
            Assert.That(error.Message, Does.Contain("1 of 2").And.Contain(OtherCubeId).And.Contain("Warehouse table INVENTORY is missing"));
        });
    }

    [Test]
    public async Task A_job_that_left_the_monitor_between_two_lists_is_confirmed_from_its_cube()
    {
        var job = JobId(801);
        Server.Handler.When(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(job));
        var lists = 0;
        Server.Handler.When(HttpMethod.Get, JobsUrl).Respond(_ => MockServer.Answer(HttpStatusCode.OK, Interlocked.Increment(ref lists) == 1 ? Jobs(Job(job, "executing")) : Jobs()));
        Server.Handler.When(HttpMethod.Head, StatusUrl()).Respond(_ => Flags(Ready));
        Server.Handler.When(HttpMethod.Get, CachesUrl).Respond("application/json", Caches(CubeId, 801));

        var outcome = (await Client.PublishCubesAndWaitAsync([CubeId], null, Waits.Fast)).Single();

        Assert.Multiple(() =>
        {
            Assert.That(outcome.Succeeded, Is.True);
            Assert.That(outcome.Job!.Status, Is.EqualTo(MonitorJobStatus.Completed));
            Assert.That(outcome.LastUpdate!.IsFrom(job), Is.True);
        });
    }

    [Test]
    public void Cancelling_stops_every_job_started_in_one_call_and_a_partial_207_says_which_ran_on()
    {
        using var cancellation = new CancellationTokenSource();
        var first = JobId(901);
        var second = JobId(902, NodeTwo);
        Server.Handler.When(HttpMethod.Post, PublishUrl(CubeId)).Respond(HttpStatusCode.Accepted, "application/json", Started(first));
        Server.Handler.When(HttpMethod.Post, PublishUrl(OtherCubeId)).Respond(HttpStatusCode.Accepted, "application/json", Started(second));
        Server.Handler.When(HttpMethod.Get, JobsUrl).Respond(_ =>
        {
            cancellation.Cancel();
            return MockServer.Answer(HttpStatusCode.OK, Jobs(Job(first, "executing"), Job(second, "executing", OtherCubeId)));
        });
        var cancel = Server.Handler.When(HttpMethod.Post, MockServer.Url("api/v2/monitors/cancelJobs"))
            .With(request => request.Content!.ReadAsStringAsync().Result.Contains(first) && request.Content.ReadAsStringAsync().Result.Contains(second))
            .Respond((HttpStatusCode)207, "application/json", $$"""{"jobCancellationStatus":[{"jobId":"{{first}}","status":"succeeded"},{"jobId":"{{second}}","status":"failed","message":"The job is already finishing."}]}""");

        var error = Assert.ThrowsAsync<StrategyWorkCancelledException>(() => Client.PublishCubesAndWaitAsync([CubeId, OtherCubeId], null, Waits.Fast, null, cancellation.Token));

        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(cancel), Is.EqualTo(1));
            Assert.That(error!.CancelledOnServer, Is.False);
            Assert.That(error.Message, Does.Contain(second).And.Contain("already finishing"));
        });
    }

    [Test]
    public void At_the_one_time_limit_every_running_job_is_cancelled_and_the_timeout_says_so()
    {
        var job = JobId(1001);
        Server.Handler.When(HttpMethod.Post, PublishUrl()).Respond(HttpStatusCode.Accepted, "application/json", Started(job));
        Server.Handler.When(HttpMethod.Get, JobsUrl).Respond("application/json", Jobs(Job(job, "executing")));
        var cancel = Server.Handler.When(HttpMethod.Post, MockServer.Url("api/v2/monitors/cancelJobs"))
            .Respond("application/json", $$"""{"jobCancellationStatus":[{"jobId":"{{job}}","status":"succeeded"}]}""");

        var error = Assert.ThrowsAsync<StrategyWaitTimeoutException>(() => Client.PublishCubesAndWaitAsync([CubeId], null, Waits.Fast with { Timeout = TimeSpan.FromMilliseconds(300) }));

        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(cancel), Is.EqualTo(1));
            Assert.That(error!.CancelledOnServer, Is.True);
            Assert.That(error.Message, Does.Contain("1 running"));
        });
    }

    [Test]
    public async Task A_publish_whose_answer_was_lost_is_never_submitted_again()
    {
        var posts = Server.Handler.When(HttpMethod.Post, PublishUrl()).Throw(new HttpRequestException("The connection was reset."));

        var error = Assert.ThrowsAsync<StrategyCubePublishesFailedException>(() => Client.PublishCubesAndWaitAsync([CubeId], FastResubmit, Waits.Fast));

        await Task.Yield();
        Assert.Multiple(() =>
        {
            Assert.That(Server.Handler.GetMatchCount(posts), Is.EqualTo(1));
            Assert.That(error!.Failed.Single().Error, Is.InstanceOf<StrategyUnreachableException>().And.Property(nameof(Exception.InnerException)).InstanceOf<HttpRequestException>(), "typed, with the broken connection inside");
        });
    }

    private static HttpResponseMessage Sequence(params HttpResponseMessage[] answers)
    {
        var next = Interlocked.Increment(ref _sequence) - 1;
        return answers[Math.Min(next, answers.Length - 1)];
    }

    private static int _sequence;

    [SetUp]
    public void ResetSequence() => _sequence = 0;
}
