// A downstream service that knows Strategy.Generated only as a package: a generic host, options bound
// from configuration (here the command line: --Strategy:BaseUrl=...), and a netstandard2.0 library
// (Refresh/) that depends on the client interfaces only, so that it can be tested with a fake.
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Refresh;
using Strategy.Generated;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddStrategyClient(builder.Configuration.GetSection("Strategy"));
builder.Services.AddTransient<NightlyRefresh>();
using var host = builder.Build();
await host.StartAsync();

var quick = StrategyWaitOptions.Default with { MinimumDelay = TimeSpan.FromMilliseconds(20), MaximumDelay = TimeSpan.FromMilliseconds(100) };
var dataModelId = builder.Configuration["DataModelId"]!;
var status = await host.Services.GetRequiredService<NightlyRefresh>().RunAsync(dataModelId, quick, CancellationToken.None);
var faked = await new NightlyRefresh(new FakeDataModels()).RunAsync(dataModelId, quick, CancellationToken.None);
var scripted = await NightlyRefresh.RunAsScriptAsync(
    new Uri(builder.Configuration["Strategy:BaseUrl"]!), builder.Configuration["Strategy:ProjectId"]!, builder.Configuration["Strategy:Username"]!, dataModelId, quick);

Console.WriteLine($"consumer ok: status {status.Status}, tables {status.Tables?.Count}, fake {faked.Status}, script tables {scripted}, spec {StrategySpec.Version}");
await host.StopAsync();
return status.Status == 0 && scripted > 0 ? 0 : 1;
