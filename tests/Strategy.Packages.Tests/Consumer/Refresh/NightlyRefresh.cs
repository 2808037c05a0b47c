// A netstandard2.0 library in C# 7.3 (no nullable types, no records, no await foreach): what a .NET
// Framework service or a script host can compile. It uses the package two ways: through the client
// interface it is given, and the way a script does, creating its own connection.
using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Strategy.Generated;

namespace Refresh
{
    /// <summary>The code under test: it sees only the interface.</summary>
    public sealed class NightlyRefresh
    {
        private readonly IDataModelsClient _dataModels;

        public NightlyRefresh(IDataModelsClient dataModels)
        {
            _dataModels = dataModels;
        }

        public Task<PublishStatus> RunAsync(string dataModelId, StrategyWaitOptions options, CancellationToken cancellationToken)
        {
            return _dataModels.PublishAndWaitAsync(dataModelId, RefreshPolicy.Replace, options, null, cancellationToken);
        }

        /// <summary>As a script would: its own connection and client, a publish, and a log-out at the end.</summary>
        public static async Task<int> RunAsScriptAsync(Uri baseUrl, string projectId, string username, string dataModelId, StrategyWaitOptions options)
        {
            var settings = new StrategyClientOptions { BaseUrl = baseUrl, ProjectId = projectId, Username = username, Password = string.Empty };
            var connection = StrategyConnection.Create(settings);
            try
            {
                var dataModels = new DataModelsClient(connection.HttpClient) { ProjectId = connection.ProjectId };
                var tables = 0;
                var pages = dataModels.EnumerateDataModelTablesAsync(dataModelId).GetAsyncEnumerator();
                try
                {
                    while (await pages.MoveNextAsync())
                    {
                        tables++;
                    }
                }
                finally
                {
                    await pages.DisposeAsync();
                }

                var status = await dataModels.PublishAndWaitAsync(dataModelId, RefreshPolicy.Replace, options);
                return status.Status == 0 ? tables : -1;
            }
            catch (StrategyApiException)
            {
                return -2;
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A hand-written fake, as the README recommends: derived from the client, overriding only what the
    /// service calls (every client method is virtual). An operation added in a minor version adds a
    /// member to IDataModelsClient, which the client implements, so this fake still compiles.
    /// </summary>
    public sealed class FakeDataModels : DataModelsClient
    {
        public FakeDataModels()
            : base(new HttpClient { BaseAddress = new Uri("http://fake.invalid/") })
        {
        }

        public override Task<PublishStatus> PublishAndWaitAsync(string dataModelId, TableSelection tables, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(new PublishStatus { Status = 0 });
        }

        public override Task<PublishStatus> PublishAndWaitAsync(string dataModelId, PublishRequest body, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(new PublishStatus { Status = 0 });
        }
    }
}
