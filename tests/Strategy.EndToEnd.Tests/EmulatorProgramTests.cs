using System.Diagnostics;
using System.Net;
using Strategy.Emulator;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// The emulator as a program (what the <c>strategy-emulator</c> tool runs): it prints and exits
/// without listening when asked for help or its version, refuses an option it does not know before
/// anything starts, says in one line that a port is taken, and answers nothing outside its path base.
/// </summary>
[NonParallelizable]
public sealed class EmulatorProgramTests
{
    private static readonly string ProgramPath = Path.Combine(AppContext.BaseDirectory, "Strategy.Emulator.dll");

    private static async Task<(int ExitCode, string Out, string Error, TimeSpan Took)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args.Prepend(ProgramPath))
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"strategy-emulator {string.Join(' ', args)} did not exit: it is serving");
        }

        return (process.ExitCode, await output, await error, clock.Elapsed);
    }

    [TestCase("--version")]
    [TestCase("--help")]
    public async Task Help_and_version_print_and_exit_without_listening(string option)
    {
        var (exitCode, output, error, _) = await RunAsync(option, "--urls", "http://127.0.0.1:0");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, error);
            Assert.That(output, Does.StartWith("strategy-emulator"));
            Assert.That(output, Does.Not.Contain("listening on"));
        });
    }

    [Test]
    public async Task Help_lists_every_control_endpoint_the_emulator_serves()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions());
        var (_, output, _, _) = await RunAsync("--help");
        var listed = System.Text.RegularExpressions.Regex.Replace(output, " +", " ");

        var missing = emulator.ControlEndpoints
            .Select(e => System.Text.RegularExpressions.Regex.Replace(e, @"\{(\w+)\}", m => m.Groups[1].Value.ToUpperInvariant()))
            .Where(e => !listed.Contains(e, StringComparison.Ordinal))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(emulator.ControlEndpoints, Has.Count.GreaterThan(10), "the endpoints were read");
            Assert.That(missing, Is.Empty);
        });
    }

    [Test]
    public async Task An_unknown_option_is_a_usage_error_and_nothing_starts()
    {
        var (exitCode, output, error, _) = await RunAsync("--url", "http://127.0.0.1:0");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.StartWith("error: unknown option '--url'").And.Contain("Usage: strategy-emulator"));
            Assert.That(output, Does.Not.Contain("listening on"));
        });
    }

    [Test]
    public async Task A_busy_port_is_one_line_and_a_non_zero_exit()
    {
        await using var holder = await StrategyEmulator.StartAsync();

        var (exitCode, _, error, _) = await RunAsync("--urls", holder.BaseUrl.GetLeftPart(UriPartial.Authority));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), error);
            Assert.That(error, Does.Contain("the address is already in use"));
        });
    }

    [Test]
    public async Task With_a_pem_certificate_and_key_the_program_serves_https()
    {
        using var certificates = new Strategy.Tests.Shared.TestCertificates();
        var (certificate, key) = certificates.WritePem(certificates.ForLoopback(), "server");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ProgramPath, "--urls", "https://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary", "--certificate", certificate, "--certificate-key", key })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty;
            var baseUrl = new Uri(System.Text.RegularExpressions.Regex.Match(line, @"listening on (\S+) ").Groups[1].Value);
            await using var connection = Generated.StrategyConnection.Create(new Generated.StrategyClientOptions
            {
                BaseUrl = baseUrl,
                Username = "administrator",
                Password = string.Empty,
                CaCertificateFile = certificates.AuthorityPemFile,
            });

            var status = await connection.CreateClient<Generated.ServerClient>().GetServerStatusAsync();

            Assert.Multiple(() =>
            {
                Assert.That(baseUrl.Scheme, Is.EqualTo("https"), line);
                Assert.That(status.IsIServerConfigured, Is.True, "read from isIServerConfigured, as servers send it");
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Test]
    public async Task Outside_its_path_base_the_emulator_answers_404_like_a_server_without_the_application()
    {
        await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary" });
        using var http = new HttpClient();
        var root = emulator.BaseUrl.GetLeftPart(UriPartial.Authority);

        using var outside = await http.GetAsync(root + "/api/status");
        using var inside = await http.GetAsync(root + "/MicroStrategyLibrary/api/status");

        Assert.Multiple(async () =>
        {
            Assert.That(outside.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(outside.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await outside.Content.ReadAsStringAsync(), Does.Contain("404"));
            Assert.That(inside.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase(new string[0], 3, TestName = "The program writes one line per request")]
    [TestCase(new[] { "--quiet" }, 0, TestName = "With --quiet the program writes no request lines")]
    [TestCase(new[] { "--log-level", "warning" }, 0, TestName = "With --log-level warning the program writes no request lines")]
    public async Task Request_lines(string[] settings, int expectedLines)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ProgramPath, "--urls", "http://127.0.0.1:0", "--path-base", "/MicroStrategyLibrary" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            var listening = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)) ?? string.Empty;
            var baseUrl = new Uri(System.Text.RegularExpressions.Regex.Match(listening, @"listening on (\S+) ").Groups[1].Value);
            using (var http = new HttpClient { BaseAddress = baseUrl })
            {
                (await http.GetAsync("api/status")).Dispose();
                (await http.GetAsync("api/status?secret=no")).Dispose();
                (await http.GetAsync("api/subscriptions")).Dispose();
            }

            // A marker request the test makes last, then the lines up to it are all there is.
            using (var marker = new HttpClient { BaseAddress = baseUrl })
            {
                (await marker.GetAsync("__emulator/state")).Dispose();
            }

            process.Kill(entireProcessTree: true);
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30))) is not null)
            {
                lines.Add(line);
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var requests = lines.Where(l => l.Contains("/MicroStrategyLibrary/api/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.EqualTo(expectedLines), string.Join("\n", lines));
            Assert.That(lines.Count(l => !l.Contains("/__emulator/", StringComparison.Ordinal)), Is.EqualTo(expectedLines), "one line per request, nothing else: " + string.Join("\n", lines));
            Assert.That(lines, Has.None.Contains("Request starting").And.None.Contains("Executing endpoint"), "the framework's own lines are left out");
            Assert.That(lines, Has.None.Contains("secret=no"), "no query string");
            if (expectedLines > 0)
            {
                Assert.That(requests[0], Does.Contain("GET /MicroStrategyLibrary/api/status 200 "));
                Assert.That(requests[2], Does.Contain("GET /MicroStrategyLibrary/api/subscriptions 401 "));
            }
        });
    }

    [Test]
    public async Task An_unknown_log_level_is_a_usage_error()
    {
        var (exitCode, _, error, _) = await RunAsync("--log-level", "loud", "--urls", "http://127.0.0.1:0");

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--log-level takes trace, debug, information, warning, error, critical or none, not 'loud'"));
        });
    }
}
