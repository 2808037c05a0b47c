using Strategy.Generated.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
    public void Incomplete_options_fail_with_messages_that_name_the_settings()
    {
        using var provider = Provider(new Dictionary<string, string?> { ["Strategy:BaseUrl"] = "not a url" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SubscriptionsClient>());

        Assert.That(error!.Failures, Has.Some.Contains("Strategy:BaseUrl").And.Some.Contains("Strategy:ProjectId").And.Some.Contains("Strategy:Username"));
    }
}
