using System.Diagnostics;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Strategy.PowerShell.Tests;

/// <summary>
/// The emulator program on a free loopback port, as its own process: the module under test then
/// loads its own asset of the library, not one this process holds. What it holds is read from its
/// control endpoints.
/// </summary>
internal sealed partial class EmulatorProcess : IAsyncDisposable
{
    public const string Username = "administrator";
    public const string Password = "Pa55-w0rd!ps-secret";
    public const string ApiToken = "tok-ps-4f9c2a7e";

    private readonly Process _process;
    private readonly HttpClient _http = new();

    private EmulatorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's address, with its path base (…/MicroStrategyLibrary/).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts the emulator with the given settings (durations in seconds) and waits until it listens.</summary>
    public static Task<EmulatorProcess> StartAsync(params string[] settings) => StartAsync("http", settings);

    /// <summary>Starts the emulator serving HTTPS with the given PEM certificate and key.</summary>
    public static Task<EmulatorProcess> StartHttpsAsync(string certificateFile, string keyFile) =>
        StartAsync("https", ["--certificate", certificateFile, "--certificate-key", keyFile]);

    private static async Task<EmulatorProcess> StartAsync(string scheme, string[] settings)
    {
        Assert.That(TestPaths.EmulatorProgram, Does.Exist, "the emulator program is built with this suite");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { TestPaths.EmulatorProgram, "--urls", scheme + "://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--password", Password, "--api-token", ApiToken }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)) ?? string.Empty;
        var match = Listening().Match(line);
        if (!match.Success)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The emulator did not start: {line} {await process.StandardError.ReadToEndAsync()}");
        }

        // Keep reading, so a full pipe never blocks the server.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return new EmulatorProcess(process, new Uri(match.Groups[1].Value));
    }

    /// <summary>What the emulator holds now.</summary>
    public async Task<EmulatorState> StateAsync()
    {
        var state = JObject.Parse(await _http.GetStringAsync(new Uri(BaseUrl, "__emulator/state")));
        return new EmulatorState((int)state["sessions"]!, (int)state["instances"]!, (int)state["subscriptions"]!, (int)state["runningSubscriptionRuns"]!)
        {
            CubePublishes = (int)state["cubePublishes"]!,
            RunningJobs = (int)state["runningJobs"]!,
            CancelledJobs = (int)state["cancelledJobs"]!,
            ReportInstances = (int)state["reportInstances"]!,
            DashboardInstances = (int)state["dashboardInstances"]!,
            FaultsFired = (int)state["faultsFired"]!,
            PeopleChangingCalls = (int)state["peopleChangingCalls"]!,
        };
    }

    /// <summary>Posts to a control endpoint, such as <c>fail-next/publish</c>.</summary>
    public async Task ControlAsync(string path, string? json = null)
    {
        using var content = json is null ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(BaseUrl, "__emulator/" + path), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Starts a cube publish as another client would (its own session, raw HTTP); answers the job's id.</summary>
    public async Task<string> StartCubePublishAsync(string cubeId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = BaseUrl };
        using var login = await http.PostAsync("api/auth/login", new StringContent(new JObject { ["loginMode"] = 1, ["username"] = Username, ["password"] = Password }.ToString(), System.Text.Encoding.UTF8, "application/json"));
        login.EnsureSuccessStatusCode();
        using var publish = new HttpRequestMessage(HttpMethod.Post, $"api/v2/cubes/{cubeId}");
        publish.Headers.Add("X-MSTR-AuthToken", login.Headers.GetValues("X-MSTR-AuthToken").Single());
        publish.Headers.Add("X-MSTR-ProjectID", Strategy.Emulator.Seeds.ProjectId);
        using var started = await http.SendAsync(publish);
        started.EnsureSuccessStatusCode();
        return (string)JObject.Parse(await started.Content.ReadAsStringAsync())["id"]!;
    }

    /// <summary>Stores a subscription as another client left it; answers its id.</summary>
    public async Task<string> SeedSubscriptionAsync(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(BaseUrl, "__emulator/subscriptions"), content);
        response.EnsureSuccessStatusCode();
        return (string)JObject.Parse(await response.Content.ReadAsStringAsync())["id"]!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"listening on (\S+) ")]
    private static partial Regex Listening();
}

/// <summary>Open sessions and instances, stored subscriptions, runs under way.</summary>
internal sealed record EmulatorState(int Sessions, int Instances, int Subscriptions, int RunningRuns)
{
    public int CubePublishes { get; init; }

    public int RunningJobs { get; init; }

    public int CancelledJobs { get; init; }

    public int ReportInstances { get; init; }

    public int DashboardInstances { get; init; }

    /// <summary>How many requests a fault was applied to, in all (a test's fault proves it fired).</summary>
    public int FaultsFired { get; init; }

    /// <summary>How many changing calls the people endpoints received (create, change, delete, grant).</summary>
    public int PeopleChangingCalls { get; init; }
}
