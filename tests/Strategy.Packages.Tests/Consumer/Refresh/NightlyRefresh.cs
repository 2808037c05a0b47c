// A netstandard2.0 library in C# 7.3 (no nullable types, no records, no await foreach): what a .NET
// Framework service or a script host can compile. It uses the package two ways: through the client
// interface it is given, and the way a script does, creating its own connection.
using System;
using System.Collections.Generic;
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

    /// <summary>A hand-written fake: every member of the interface, the generated helpers included, can be implemented in C# 7.3.</summary>
    public sealed class FakeDataModels : IDataModelsClient
    {
        public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, RefreshPolicy policy = RefreshPolicy.Replace, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(new PublishStatus { Status = 0 });
        }

        public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, TableSelection tables, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(new PublishStatus { Status = 0 });
        }

        public Task<PublishStatus> PublishAndWaitAsync(string dataModelId, PublishRequest body, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            return Task.FromResult(new PublishStatus { Status = 0 });
        }

        public Task<PublishStatus> AwaitPublishAsync(string dataModelId, string instanceId, StrategyWaitOptions options = null, IProgress<StrategyWaitProgress<PublishStatus>> progress = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public IAsyncEnumerable<DataModelTable> EnumerateDataModelTablesAsync(string dataModelId, int pageSize = 1000, int prefetchPages = 0, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public Task<StrategyResponse> CreateDataModelInstanceAsync(string dataModelId, bool? showInvalidCacheTableIds = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public Task DeleteDataModelInstanceAsync(string dataModelId, string instanceId, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public Task PublishDataModelAsync(string dataModelId, string instanceId, PublishRequest body, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public Task<DataModelTableList> ListDataModelTablesAsync(string dataModelId, int? offset = null, int? limit = null, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }

        public Task<PublishStatus> GetPublishStatusAsync(string dataModelId, string instanceId, CancellationToken cancellationToken = default(CancellationToken))
        {
            throw new NotSupportedException();
        }
    }
}
