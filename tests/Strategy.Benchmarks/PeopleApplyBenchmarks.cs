using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Newtonsoft.Json.Linq;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// Applying a list of 10,000 people (half to create, half existing with a new full name) against an
/// in-memory server: <see cref="UsersClient.PlanAsync"/> then <see cref="UsersClient.ApplyAsync"/>, four at a
/// time, against the floor: a bare <c>HttpClient</c> loop sending the same changing calls at the same
/// concurrency, knowing them beforehand (no reads, no outcome checked). The calls each sent are printed
/// at the end (a note run.sh adds to the report); the memory is BenchmarkDotNet's, per apply of the whole list.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PeopleApplyBenchmarks
{
    private const int Concurrency = 4;
    private PeopleServer _server = null!;
    private HttpClient _http = null!;
    private UsersClient _users = null!;
    private List<StrategyPerson> _people = [];
    private List<(HttpMethod Method, string Path, string Body)> _changes = [];

    [Params(10_000)]
    public int People { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = new PeopleServer(People / 2);
        _http = new HttpClient(_server) { BaseAddress = new Uri("https://strategy.test/MicroStrategyLibrary/") };
        _users = new UsersClient(_http);
        _people = [.. Enumerable.Range(0, People).Select(i => new StrategyPerson { Username = PeopleServer.Username(i), FullName = "New Name " + i })];

        // The floor knows the changing calls beforehand: a create for each new person, a change for each existing one.
        _changes = [.. Enumerable.Range(0, People).Select(i => i < People / 2
            ? (HttpMethod.Patch, "api/users/" + PeopleServer.Id(i), $$"""{"operationList":[{"op":"replace","path":"/fullName","value":"New Name {{i}}"}]}""")
            : (HttpMethod.Post, "api/users", $$"""{"username":"{{PeopleServer.Username(i)}}","fullName":"New Name {{i}}","password":"x","enabled":true,"requireNewPassword":true,"standardAuth":true,"memberships":[]}"""))];
    }

    [IterationSetup]
    public void Reset() => _server.Reset();

    [IterationCleanup]
    public void Measure() => _server.EndRun();

    [GlobalCleanup]
    public void Report() => Console.WriteLine($"// note: {_server.ReadsPerRun:0} reads and {_server.ChangesPerRun:0} changing calls per apply of {People} people");

    [Benchmark(Baseline = true, Description = "floor: bare HttpClient, the same changing calls, 4 at a time")]
    public async Task<int> BareLoop()
    {
        using var gate = new SemaphoreSlim(Concurrency);
        var sent = 0;
        await Task.WhenAll(_changes.Select(async change =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(change.Method, change.Path) { Content = new StringContent(change.Body, Encoding.UTF8, "application/json") };
                using var response = await _http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref sent);
            }
            finally
            {
                gate.Release();
            }
        }));
        return sent;
    }

    [Benchmark(Description = "PlanAsync + ApplyAsync (reads, one call per person, outcomes checked)")]
    public async Task<int> PlanAndApply()
    {
        var plan = await _users.PlanAsync(_people, new StrategyPeoplePlanOptions { MaxConcurrency = Concurrency });
        var result = await _users.ApplyAsync(plan, new StrategyPeopleApplyOptions { MaxConcurrency = Concurrency, OneTimePasswords = (_, _, _) => Task.CompletedTask });
        return result.Succeeded ? result.Outcomes.Count : throw new InvalidOperationException(string.Join("\n", result.Failures.Take(3)));
    }

    /// <summary>Users and Everyone's members in memory: the reads a plan makes and the changes it sends, counted.</summary>
    private sealed class PeopleServer(int existing) : HttpMessageHandler
    {
        private const string Everyone = UsersClient.EveryoneGroupId;
        private readonly ConcurrentDictionary<string, string> _created = new();
        private int _reads;
        private int _changes;
        private double _readsAll;
        private double _changesAll;
        private int _runs;

        public double ReadsPerRun => _runs == 0 ? 0 : _readsAll / _runs;

        public double ChangesPerRun => _runs == 0 ? 0 : _changesAll / _runs;

        public static string Username(int i) => "person" + i.ToString("00000", CultureInfo.InvariantCulture);

        public static string Id(int i) => i.ToString("X32", CultureInfo.InvariantCulture);

        public void Reset()
        {
            _created.Clear();
            _reads = 0;
            _changes = 0;
        }

        public void EndRun()
        {
            _readsAll += _reads;
            _changesAll += _changes;
            _runs++;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            if (request.Method == HttpMethod.Get)
            {
                Interlocked.Increment(ref _reads);
            }

            if (path.EndsWith("/api/sessions/userInfo", StringComparison.Ordinal))
            {
                return Json("""{"id":"54F3D26011D2896560009A8E67019608","username":"administrator"}""");
            }

            if (path.EndsWith("/api/usergroups", StringComparison.Ordinal))
            {
                return Json($$"""[{"id":"{{Everyone}}","name":"Everyone"}]""");
            }

            if (path.EndsWith($"/api/usergroups/{Everyone}/members", StringComparison.Ordinal))
            {
                var offset = int.Parse(query["offset"] ?? "0", CultureInfo.InvariantCulture);
                var limit = int.Parse(query["limit"] ?? "1000", CultureInfo.InvariantCulture);
                var page = new StringBuilder("[");
                for (var i = offset; i < Math.Min(existing, offset + limit); i++)
                {
                    page.Append(i == offset ? string.Empty : ",").Append(CultureInfo.InvariantCulture, $$"""{"id":"{{Id(i)}}","name":"Old {{i}}","abbreviation":"{{Username(i)}}","subtype":8704}""");
                }

                var answer = Json(page.Append(']').ToString());
                answer.Headers.Add("x-mstr-total-count", existing.ToString(CultureInfo.InvariantCulture));
                return answer;
            }

            if (path.EndsWith("/api/users", StringComparison.Ordinal) && request.Method == HttpMethod.Get)
            {
                var users = (query.GetValues("id") ?? []).Select(id => $$"""{"id":"{{id}}","username":"{{Username(int.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture))}}","fullName":"Old","enabled":true,"memberships":[{"id":"{{Everyone}}","name":"Everyone"}]}""");
                return Json("[" + string.Join(",", users) + "]");
            }

            Interlocked.Increment(ref _changes);
            var body = JObject.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            if (request.Method == HttpMethod.Post && path.EndsWith("/api/users", StringComparison.Ordinal))
            {
                var id = Guid.NewGuid().ToString("N").ToUpperInvariant();
                _created[id] = (string)body["username"]!;
                return Json($$"""{"id":"{{id}}","username":"{{body["username"]}}","fullName":"{{body["fullName"]}}","enabled":true,"memberships":[{"id":"{{Everyone}}","name":"Everyone"}]}""", HttpStatusCode.Created);
            }

            if (request.Method == HttpMethod.Patch)
            {
                var id = path[(path.LastIndexOf('/') + 1)..];
                return Json($$"""{"id":"{{id}}","fullName":"{{body["operationList"]![0]!["value"]}}","enabled":true,"memberships":[{"id":"{{Everyone}}","name":"Everyone"}]}""");
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
            new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
    }
}
