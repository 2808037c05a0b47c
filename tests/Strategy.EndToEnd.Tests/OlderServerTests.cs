using Strategy.Emulator;
using Strategy.Generated;

namespace Strategy.EndToEnd.Tests;

/// <summary>
/// A server from before Strategy ONE (August 2025) has no data model runtime endpoints and answers
/// them 404 ERR004 like an unknown object; the client asks its version and says what is wrong.
/// </summary>
public sealed class OlderServerTests : EmulatorTest
{
    protected override StrategyEmulatorOptions EmulatorOptions => base.EmulatorOptions with { ServerVersion = "11.4.1200.0045" };

    [Test]
    public void Publishing_on_an_older_server_is_not_supported_naming_its_version()
    {
        var error = Assert.ThrowsAsync<StrategyNotSupportedException>(() =>
            Connection.CreateClient<DataModelsClient>().PublishAndWaitAsync(Seeds.DataModelId, RefreshPolicy.Replace, FastWaits))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.OperationId, Is.EqualTo("CreateDataModelInstance"));
            Assert.That(error.ServerVersion, Is.EqualTo("11.4.1200.0045"));
            Assert.That(error.Message, Does.Contain("not supported by this server (version 11.4.1200.0045)").And.Contain("11.5.0800"));
            Assert.That(error.InnerException, Is.InstanceOf<StrategyApiException>().With.Property(nameof(StrategyApiException.ErrorCode)).EqualTo("ERR004"));
            Assert.That(Emulator.OpenInstanceCount, Is.Zero);
        });
    }

    [Test]
    public async Task Everything_else_still_works_on_an_older_server()
    {
        var tables = await Connection.CreateClient<DataModelsClient>().ListDataModelTablesAsync(Seeds.DataModelId);

        Assert.That(tables.Tables, Is.Not.Empty);
    }
}
