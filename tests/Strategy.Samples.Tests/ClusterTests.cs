using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using Strategy.Emulator;

namespace Strategy.Samples.Tests;

/// <summary>
/// The refresh worker on a real Quartz.NET cluster over PostgreSQL: two workers, the one that waits
/// on a cube publish killed (SIGKILL); the other takes the job over, resumes the wait from the token in
/// the job's data, and each outcome is reported once, with no second publish and nothing left open.
/// </summary>
[NonParallelizable]
[Platform("Linux")]
public sealed partial class ClusterTests
{
    private static readonly string RepoRoot = Metadata("RepoRoot");
    private static readonly string Configuration = Metadata("Configuration");
    private static readonly string Worker = Path.Combine(RepoRoot, "samples", "Strategy.Samples.RefreshWorker", "bin", Configuration, "net10.0", "Strategy.Samples.RefreshWorker.dll");
    private static readonly string EmulatorProgram = Path.Combine(RepoRoot, "src", "Strategy.Emulator", "bin", Configuration, "net10.0", "Strategy.Emulator.dll");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task A_worker_killed_mid_wait_is_taken_over_and_the_wait_resumed_from_its_token()
    {
        await using var postgres = await PostgresServer.StartAsync(RepoRoot);
        await using (var admin = new NpgsqlConnection(postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand("CREATE DATABASE refresh", admin).ExecuteNonQueryAsync();
        }

        var database = postgres.ConnectionString("refresh");
        using var emulator = ChildProcess.Start(EmulatorProgram, ["--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--publish-duration", "8", "--session-idle-timeout", "5", "--quiet"], new Dictionary<string, string>());
        var listening = await emulator.WaitForLineAsync("listening on ", Patience) ?? throw new AssertionException("the emulator did not start: " + emulator.Output);
        var baseUrl = new Uri(Listening().Match(listening).Groups[1].Value.TrimEnd('/') + "/");
        var environment = new Dictionary<string, string>
        {
            ["STRATEGY_BASE_URL"] = baseUrl.ToString(),
            ["STRATEGY_PROJECT_ID"] = Seeds.ProjectId,
            ["STRATEGY_PASSWORD"] = string.Empty,
        };
        var items = $"cube:{Seeds.SalesCubeId},datamodel:{Seeds.DataModelId}";
        using (var init = ChildProcess.Start(Worker, ["init", "--postgres", database, "--worker", "init", "--items", items], environment))
        {
            Assert.That(await init.WaitForExitAsync(Patience), Is.Zero, init.Output);
        }

        using var first = ChildProcess.Start(Worker, ["run", "--postgres", database, "--worker", "first"], environment);
        using var second = ChildProcess.Start(Worker, ["run", "--postgres", database, "--worker", "second"], environment);

        // Whichever took the job has started the cube publish and stored its token: kill it mid-wait.
        var waiting = await FirstAsync(first, second, "started cube:");
        waiting.Kill();
        var survivor = waiting == first ? second : first;
        Assert.That(await survivor.WaitForLineAsync("resumed cube:", Patience), Is.Not.Null, "the survivor resumed the wait: " + survivor.Output);

        var outcomes = await OutcomesAsync(database, 2);
        await survivor.StopAsync(TimeSpan.FromSeconds(30));
        var state = await StateAsync(baseUrl);
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); state.Sessions > 0 && waited.Elapsed < TimeSpan.FromSeconds(30); state = await StateAsync(baseUrl))
        {
            // The killed worker's session could not log out: it expires when idle, as on a server.
            await Task.Delay(500);
        }

        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Is.EquivalentTo(new[] { ($"cube:{Seeds.SalesCubeId}", "succeeded", true), ($"datamodel:{Seeds.DataModelId}", "succeeded", false) }), "each outcome once; the cube's wait was resumed");
            Assert.That(state.CubePublishes, Is.EqualTo(1), "no second publish of the cube");
            Assert.That(state.RunningJobs, Is.Zero);
            Assert.That(state.Instances, Is.Zero, "the data model's instance was deleted");
            Assert.That(state.Sessions, Is.Zero, "no session left open");
        });
    }

    private static async Task<ChildProcess> FirstAsync(ChildProcess first, ChildProcess second, string line)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < Patience; await Task.Delay(50))
        {
            foreach (var worker in new[] { first, second })
            {
                if (await worker.WaitForLineAsync(line, TimeSpan.Zero) is not null)
                {
                    return worker;
                }
            }
        }

        throw new AssertionException($"no worker started the work:\n{first.Output}\n---\n{second.Output}");
    }

    private static async Task<List<(string Item, string Outcome, bool Resumed)>> OutcomesAsync(string database, int expected)
    {
        var outcomes = new List<(string, string, bool)>();
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < Patience; await Task.Delay(250))
        {
            outcomes.Clear();
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var reader = await new NpgsqlCommand("SELECT item, outcome, resumed FROM refresh_outcomes", connection).ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                outcomes.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
            }

            if (outcomes.Count >= expected)
            {
                break;
            }
        }

        return outcomes;
    }

    private static async Task<(int Sessions, int Instances, int CubePublishes, int RunningJobs)> StateAsync(Uri baseUrl)
    {
        using var http = new HttpClient();
        var state = Newtonsoft.Json.Linq.JObject.Parse(await http.GetStringAsync(new Uri(baseUrl, "__emulator/state")));
        return ((int)state["sessions"]!, (int)state["instances"]!, (int)state["cubePublishes"]!, (int)state["runningJobs"]!);
    }

    private static string Metadata(string key) =>
        typeof(ClusterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [GeneratedRegex(@"listening on (\S+) ")]
    private static partial Regex Listening();
}
