using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Tests.Shared;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// Real HTTPS over loopback, with a certificate authority made for the test as an organization's
/// internal one is: untrusted by default, trusted from its PEM file, and never trusted for another
/// name or past its dates. A refusal is a typed error that says why, at once, without retries.
/// </summary>
[NonParallelizable]
public sealed class TlsTests
{
    private TestCertificates _certificates = null!;

    [SetUp]
    public void MakeCertificates() => _certificates = new TestCertificates();

    [TearDown]
    public void RemoveCertificates() => _certificates.Dispose();

    private static Task<StrategyEmulator> ServeAsync(System.Security.Cryptography.X509Certificates.X509Certificate2? certificate) =>
        StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PathBase = "/MicroStrategyLibrary", Certificate = certificate });

    private static StrategyConnection Connect(Uri baseUrl, string? caFile, AttemptCounter? attempts = null)
    {
        var options = new StrategyClientOptions
        {
            BaseUrl = baseUrl,
            ProjectId = Seeds.ProjectId,
            Username = "administrator",
            Password = string.Empty,
            CaCertificateFile = caFile,
            Retry = new StrategyRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(1) },
        };
        if (attempts is not null)
        {
            options.AddHandler(() => attempts, Strategy.Generated.Http.StrategyHandlerPosition.PerRetry);
        }

        return StrategyConnection.Create(options);
    }

    [Test]
    public async Task An_internal_authority_is_untrusted_by_default_and_trusted_from_its_pem_file()
    {
        await using var emulator = await ServeAsync(_certificates.ForLoopback());
        Assert.That(emulator.BaseUrl.Scheme, Is.EqualTo("https"));

        var attempts = new AttemptCounter();
        await using var untrusted = Connect(emulator.BaseUrl, caFile: null, attempts);
        var error = Assert.ThrowsAsync<StrategyCertificateException>(() => untrusted.LoginAsync());

        await using var trusted = Connect(emulator.BaseUrl, _certificates.AuthorityPemFile);
        var events = await trusted.CreateClient<EventsClient>().ListEventsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyCertificateProblem.UntrustedRoot));
            Assert.That(error.Server, Is.EqualTo(emulator.BaseUrl.GetLeftPart(UriPartial.Authority)));
            Assert.That(error.Message, Does.Contain("no certificate authority this client trusts issued").And.Contain("CN=Strategy Test Internal CA").And.Contain("--ca-certificate"));
            Assert.That(attempts.Count, Is.EqualTo(1), "not retried: a refused certificate does not change on a second try");
            Assert.That(events.Events, Is.Not.Empty, "trusted from the file, on top of the system's trust");
        });
    }

    [Test]
    public async Task A_certificate_for_another_name_is_refused_even_from_a_trusted_authority()
    {
        await using var emulator = await ServeAsync(_certificates.ForOtherName());
        await using var connection = Connect(emulator.BaseUrl, _certificates.AuthorityPemFile);

        var error = Assert.ThrowsAsync<StrategyCertificateException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyCertificateProblem.NameMismatch));
            Assert.That(error.Message, Does.Contain("a certificate for another name (it is for strategy.example.com)"));
        });
    }

    [Test]
    public async Task An_expired_certificate_is_refused_even_from_a_trusted_authority()
    {
        await using var emulator = await ServeAsync(_certificates.Expired());
        await using var connection = Connect(emulator.BaseUrl, _certificates.AuthorityPemFile);

        var error = Assert.ThrowsAsync<StrategyCertificateException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyCertificateProblem.Expired));
            Assert.That(error.Message, Does.Contain("has expired or is not valid yet (valid from"));
        });
    }

    [Test]
    public async Task Https_to_a_server_that_speaks_plain_http_says_so()
    {
        await using var emulator = await ServeAsync(certificate: null);
        var https = new UriBuilder(emulator.BaseUrl) { Scheme = "https" }.Uri;
        await using var connection = Connect(https, caFile: null);

        var error = Assert.ThrowsAsync<StrategyCertificateException>(() => connection.LoginAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error!.Problem, Is.EqualTo(StrategyCertificateProblem.NotTls));
            Assert.That(error.Message, Does.Contain("did not answer TLS; if it serves plain HTTP, use an http:// address"));
        });
    }

    [Test]
    public async Task Plain_http_to_a_tls_port_ends_without_an_answer_and_is_not_taken_for_a_certificate_problem()
    {
        await using var emulator = await ServeAsync(_certificates.ForLoopback());
        var http = new UriBuilder(emulator.BaseUrl) { Scheme = "http" }.Uri;
        await using var connection = Connect(http, caFile: null);

        var error = Assert.ThrowsAsync<StrategyUnreachableException>(() => connection.LoginAsync());

        // The command line names it (a hint to use https://); the library keeps the transport's error, retried like any lost answer.
        Assert.Multiple(() =>
        {
            Assert.That(error!.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(error.InnerException!.InnerException?.Message, Does.Contain("ended prematurely"), error.ToString());
            Assert.That(error.Message, Does.Contain("The response ended prematurely"));
        });
    }

    [Test]
    public async Task Dependency_injection_trusts_the_authority_file_from_configuration()
    {
        await using var emulator = await ServeAsync(_certificates.ForLoopback());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Strategy:BaseUrl"] = emulator.BaseUrl.ToString(),
            ["Strategy:ProjectId"] = Seeds.ProjectId,
            ["Strategy:Username"] = "administrator",
            ["Strategy:Password"] = string.Empty,
            ["Strategy:CaCertificateFile"] = _certificates.AuthorityPemFile,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStrategyClient(configuration.GetSection("Strategy"));
        await using var provider = services.BuildServiceProvider();

        var schedules = await provider.GetRequiredService<ISchedulesClient>().ListSchedulesAsync();

        Assert.That(schedules.Schedules, Is.Not.Empty);
    }
}
