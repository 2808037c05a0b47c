using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Strategy.Samples.Tests;

/// <summary>
/// A PostgreSQL server of its own for a test run: installed from Debian's packages when missing
/// (the sample's scripts/ensure-postgres.sh), initialised in a temporary directory and started on a
/// free loopback port; stopped and removed on dispose. PostgreSQL refuses to run as root, so as root it
/// runs as the postgres user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PostgresServer(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false";

    public static async Task<PostgresServer> StartAsync(string repoRoot)
    {
        var bin = (await RunAsync("bash", [Path.Combine(repoRoot, "samples", "Strategy.Samples.RefreshWorker", "scripts", "ensure-postgres.sh")], asPostgres: false)).Trim().Split('\n').Last().Trim();
        var data = Directory.CreateTempSubdirectory("strategy-pg-").FullName;
        var sockets = Directory.CreateTempSubdirectory("strategy-pgs-").FullName;
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres", data, sockets], asPostgres: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], asPostgres: true);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", Path.Combine(data, "server.log"), "-w", "-t", "120", "start"], asPostgres: true);
        return new PostgresServer(bin, data, port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<string> RunAsync(string program, string[] arguments, bool asPostgres)
    {
        var info = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}");
    }
}
