// A downstream program that knows Strategy.Generated and Strategy.Emulator only as packages.
using Strategy.Emulator;
using Strategy.Generated;
using Strategy.Generated.Sessions;
using Strategy.Generated.Waiting;

await using var emulator = await StrategyEmulator.StartAsync(new StrategyEmulatorOptions { PublishDuration = TimeSpan.FromMilliseconds(200) });
await using var connection = StrategyConnection.Create(emulator.BaseUrl, StrategyCredentials.Standard("administrator", ""), Seeds.ProjectId);
var dataModels = connection.CreateClient<DataModelsClient>();

var status = await dataModels.PublishAndWaitAsync(
    Seeds.DataModelId,
    RefreshPolicy.Replace,
    StrategyWaitOptions.Default with { MinimumDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromMilliseconds(100) });

Console.WriteLine($"consumer ok: status {status.Status}, tables {status.Tables?.Count}, open instances {emulator.OpenInstanceCount}, spec {StrategySpec.Version}");
return status.Status == 0 && emulator.OpenInstanceCount == 0 ? 0 : 1;
