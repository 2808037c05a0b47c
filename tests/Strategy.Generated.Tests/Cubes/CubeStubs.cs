using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using RichardSzalay.MockHttp;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Cubes;

/// <summary>The answers of a server's cube, job and cache endpoints, for stub sequences.</summary>
internal static class CubeStubs
{
    public const string CubeId = "8D679D4B11D3E4981000E787EC6DE8A4";
    public const string OtherCubeId = "BD1F4F4B11D3E4981000E787EC6DE8A4";
    public const string ThirdCubeId = "6B0C5B4E11D3E4981000E787EC6DE8A4";
    public const string NodeOne = "ENV-282040LAIOUSE1";
    public const string NodeTwo = "ENV-282040LAIOUSE2";

    /// <summary>Active, Persisted, Loaded, Ready.</summary>
    public const int Ready = 2 | 4 | 32 | 64;

    /// <summary>Active, Persisted, Loaded, Dirty: a publish that did not take.</summary>
    public const int Dirty = 2 | 4 | 32 | 16;

    /// <summary>Ready, with a publish running.</summary>
    public const int Processing = Ready | 1;

    public static string JobId(long number, string node = NodeOne) => number + ":" + Convert.ToBase64String(Encoding.UTF8.GetBytes(node));

    public static string PublishUrl(string cubeId = CubeId) => MockServer.Url($"api/v2/cubes/{cubeId}");

    public static string JobUrl(string jobId) => MockServer.Url($"api/v2/monitors/jobs/{Uri.EscapeDataString(jobId)}");

    public static string JobsUrl => MockServer.Url("api/v2/monitors/jobs");

    public static string StatusUrl(string cubeId = CubeId) => MockServer.Url($"api/cubes/{cubeId}");

    public static string CachesUrl => MockServer.Url("api/monitors/caches/cubes");

    public static string Started(string jobId) => new JObject { ["id"] = jobId, ["jobId"] = long.Parse(jobId.Split(':')[0]) }.ToString();

    public static string Job(string jobId, string status, string cubeId = CubeId, string? error = null) => new JObject
    {
        ["id"] = jobId,
        ["status"] = status,
        ["type"] = "interactive",
        ["objectId"] = cubeId,
        ["objectType"] = "cube",
        ["objectName"] = "Sales cube",
        ["errorMessage"] = error,
    }.ToString();

    public static string Jobs(params string[] jobs) => "{\"jobs\":[" + string.Join(",", jobs) + "]}";

    public static HttpResponseMessage Flags(int flags) => MockServer.Answer(HttpStatusCode.OK, null, ("X-MSTR-CubeStatus", flags.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string Caches(string cubeId, long lastJob, string? error = null, string node = NodeOne) => new JObject
    {
        ["total"] = 1,
        ["cubeCaches"] = new JArray(new JObject
        {
            ["id"] = "C" + cubeId.Substring(1) + ":" + MockServer.ProjectId + ":" + Convert.ToBase64String(Encoding.UTF8.GetBytes(node)),
            ["source"] = new JObject { ["id"] = cubeId, ["name"] = "Sales cube" },
            ["clusterNode"] = node,
            ["state"] = new JObject { ["active"] = true, ["dirty"] = error is not null, ["loadedState"] = "loaded" },
            ["lastUpdateJob"] = lastJob,
            ["lastUpdateTime"] = "2026-12-01T02:00:00Z",
            ["errorMessage"] = error,
        }),
    }.ToString();

    public static string Gone(string jobId) => new JObject { ["code"] = "ERR004", ["message"] = $"Job {jobId} was not found." }.ToString();

    /// <summary>The job's composite id has a colon: servers and clients send it escaped or not.</summary>
    public static MockedRequest ForJob(this MockHttpMessageHandler handler, HttpMethod method, string jobId) =>
        handler.Expect(method, JobUrl(jobId));
}
