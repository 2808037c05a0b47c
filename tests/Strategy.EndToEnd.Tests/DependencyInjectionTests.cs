using Strategy.Generated.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>AddStrategyClient: options from configuration, clients from IHttpClientFactory, one shared session.</summary>
public sealed class DependencyInjectionTests : EmulatorTest
{
    private ServiceProvider Provider(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStrategyClient(configuration.GetSection(StrategyClientOptions.SectionName));
        return services.BuildServiceProvider();
    }

    private Dictionary<string, string?> Settings() => new()
    {
        ["Strategy:BaseUrl"] = Emulator.BaseUrl.ToString(),
        ["Strategy:ProjectId"] = Seeds.ProjectId,
        ["Strategy:Username"] = "administrator",
        ["Strategy:Password"] = "",
    };

    [Test]
    public async Task Clients_from_the_container_run_a_workflow_on_one_shared_session()
    {
        await using var provider = Provider(Settings());
        var dataModels = provider.GetRequiredService<DataModelsClient>();
        var schedules = provider.GetRequiredService<ISchedulesClient>();

        var status = await dataModels.PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits);
        var list = await schedules.ListSchedulesAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Status, Is.Zero);
            Assert.That(list.Schedules, Has.Count.EqualTo(2));
            Assert.That(dataModels.ProjectId, Is.EqualTo(Seeds.ProjectId));
            Assert.That(provider.GetRequiredService<StrategySession>().LoginCount, Is.EqualTo(1), "both clients used one login");
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task Work_started_on_a_connection_is_resumed_from_the_container_on_its_shared_session()
    {
        var started = await Connection.CreateClient<CubesClient>().StartPublishCubeAsync(Seeds.SalesCubeId);
        await using var provider = Provider(Settings());

        var resumed = await provider.GetRequiredService<StrategyWorkResumer>().ResumeAsync(started.GetResumeToken());
        await resumed.WaitForCompletionUntypedAsync(FastWaits);

        Assert.Multiple(() =>
        {
            Assert.That(resumed.Outcome, Is.EqualTo(StrategyOutcome.Succeeded));
            Assert.That(provider.GetRequiredService<StrategySession>().LoginCount, Is.EqualTo(1));
            Assert.That(Emulator.CubePublishCount, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_generic_host_logs_the_session_out_when_it_is_disposed_once_and_in_bounded_time()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(Settings());
        builder.Services.AddStrategyClient(builder.Configuration.GetSection(StrategyClientOptions.SectionName));
        var host = builder.Build();
        await host.StartAsync();
        var events = await host.Services.GetRequiredService<IEventsClient>().ListEventsAsync();
        Assert.That(Emulator.SessionCount, Is.EqualTo(1), "the call logged in");

        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(events.Events, Is.Not.Empty);
            Assert.That(Emulator.SessionCount, Is.Zero, "the host's disposal logged out");
        });
    }

    [Test]
    public async Task Disposing_a_container_whose_server_is_gone_takes_one_attempt()
    {
        var logouts = new LogoutCounter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStrategyClient(configuration.GetSection(StrategyClientOptions.SectionName));
        services.Configure<StrategyClientOptions>(options => options.AddHandler(() => logouts, Strategy.Generated.Http.StrategyHandlerPosition.PerRetry));
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISchedulesClient>().ListSchedulesAsync();
        await Emulator.DisposeAsync();

        // The guard is against a hang only; what is asserted is the attempts.
        await provider.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.That(logouts.Count, Is.EqualTo(1), "one logout attempt, no retries against a dead server");
    }

    /// <summary>Counts the logout attempts that reach the transport.</summary>
    private sealed class LogoutCounter : DelegatingHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath.EndsWith("/auth/logout", StringComparison.Ordinal) == true)
            {
                Interlocked.Increment(ref Count);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Test]
    public async Task A_container_that_never_logged_in_sends_nothing_when_disposed()
    {
        var provider = Provider(Settings());
        provider.GetRequiredService<ISchedulesClient>();

        await provider.DisposeAsync();

        Assert.That(Emulator.SessionCount, Is.Zero);
    }

    [Test]
    public void Incomplete_options_fail_with_messages_that_name_the_settings()
    {
        using var provider = Provider(new Dictionary<string, string?> { ["Strategy:BaseUrl"] = "not a url" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SubscriptionsClient>());

        Assert.That(error!.Failures, Has.Some.Contains("Strategy:BaseUrl").And.Some.Contains("Strategy:ProjectId").And.Some.Contains("Strategy:Username"));
    }
}
