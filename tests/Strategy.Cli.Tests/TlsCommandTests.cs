using Strategy.Cli.Infrastructure;
using Strategy.Emulator;
using Strategy.Tests.Shared;

namespace Strategy.Cli.Tests;

/// <summary>The command against a server whose certificate an internal authority issued: its own exit code and a hint, or trust from a PEM file.</summary>
[NonParallelizable]
public sealed class TlsCommandTests
{
    private TestCertificates _certificates = null!;
    private StrategyEmulator _emulator = null!;

    [SetUp]
    public async Task Serve()
    {
        _certificates = new TestCertificates();
        _emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", Certificate = _certificates.ForLoopback() });
    }

    [TearDown]
    public async Task Stop()
    {
        await _emulator.DisposeAsync();
        _certificates.Dispose();
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            GetEnvironmentVariable = name => name == "STRATEGY_PASSWORD" ? string.Empty : environment.TryGetValue(name, out var value) ? value : null,
        };
        var exitCode = await StrategyCli.RunAsync([.. args, "--project", Seeds.ProjectId], console, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Test]
    public async Task An_untrusted_certificate_is_exit_6_with_a_hint_and_a_ca_file_makes_it_work()
    {
        var url = _emulator.BaseUrl.ToString();
        var none = new Dictionary<string, string>();

        var (untrusted, _, untrustedError) = await RunAsync(none, "schedules", "list", "--base-url", url);
        var (byOption, listed, optionError) = await RunAsync(none, "schedules", "list", "--base-url", url, "--ca-certificate", _certificates.AuthorityPemFile);
        var (byVariable, _, variableError) = await RunAsync(new Dictionary<string, string> { ["STRATEGY_CA_CERTIFICATE"] = _certificates.AuthorityPemFile }, "schedules", "list", "--base-url", url);
        var (missing, _, missingError) = await RunAsync(none, "schedules", "list", "--base-url", url, "--ca-certificate", "/no/such/ca.pem");

        Assert.Multiple(() =>
        {
            Assert.That(untrusted, Is.EqualTo(ExitCodes.Certificate));
            Assert.That(untrustedError, Does.Contain("presented a certificate that no certificate authority this client trusts issued").And.Contain("--ca-certificate or STRATEGY_CA_CERTIFICATE"));
            Assert.That(untrustedError, Does.Not.Contain("could not be reached"));
            Assert.That(byOption, Is.EqualTo(ExitCodes.Success), optionError);
            Assert.That(listed, Does.Contain("Personal View"));
            Assert.That(byVariable, Is.EqualTo(ExitCodes.Success), variableError);
            Assert.That(missing, Is.EqualTo(ExitCodes.BadInput));
            Assert.That(missingError, Does.Contain("--ca-certificate (or STRATEGY_CA_CERTIFICATE) names /no/such/ca.pem, which does not exist."));
        });
    }

    [Test]
    public async Task Plain_http_to_the_tls_port_is_exit_4_with_a_hint_to_use_https()
    {
        var http = new UriBuilder(_emulator.BaseUrl) { Scheme = "http" }.Uri.ToString();

        var (exitCode, _, error) = await RunAsync(new Dictionary<string, string>(), "schedules", "list", "--base-url", http);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(ExitCodes.Unreachable));
            Assert.That(error, Does.Contain("if the server serves HTTPS, use an https:// address"));
        });
    }
}
