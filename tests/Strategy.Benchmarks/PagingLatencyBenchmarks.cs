using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Strategy.Generated;

namespace Strategy.Benchmarks;

/// <summary>
/// Walking 20,000 subscriptions over a link that costs 20 ms per call (an in-memory handler that
/// waits): the old default of 100 items per page, the default of 1,000, and 1,000 with 4 pages
/// fetched ahead.
/// </summary>
[MemoryDiagnoser]
public class PagingLatencyBenchmarks
{
    private const int Items = 20_000;
    private SubscriptionsClient _client = null!;

    [GlobalSetup]
    public void Setup() =>
        _client = new SubscriptionsClient(new HttpClient(new SlowServer()) { BaseAddress = new Uri("https://strategy.test/MicroStrategyLibrary/") }) { ProjectId = "B7CA92F04B9FAE8D941C3E9B7E0CD754" };

    [Benchmark(Baseline = true, Description = "100 per page (the old default)")]
    public Task<int> HundredPerPage() => CountAsync(100, 0);

    [Benchmark(Description = "1,000 per page (the default)")]
    public Task<int> ThousandPerPage() => CountAsync(1000, 0);

    [Benchmark(Description = "1,000 per page, 4 pages ahead")]
    public Task<int> ThousandPerPagePrefetch() => CountAsync(1000, 4);

    private async Task<int> CountAsync(int pageSize, int prefetch)
    {
        var count = 0;
        await foreach (var _ in _client.EnumerateSubscriptionsAsync(pageSize: pageSize, prefetchPages: prefetch))
        {
            count++;
        }

        return count == Items ? count : throw new InvalidOperationException($"walked {count} items");
    }

    /// <summary>A server 20 ms away with 20,000 small subscriptions.</summary>
    private sealed class SlowServer : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            var offset = int.Parse(query["offset"] ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var limit = int.Parse(query["limit"] ?? "100", System.Globalization.CultureInfo.InvariantCulture);
            var body = new StringBuilder("{\"subscriptions\":[");
            for (var i = offset; i < Math.Min(offset + limit, Items); i++)
            {
                body.Append(i == offset ? string.Empty : ",").Append("{\"id\":\"").Append(i.ToString("X32", System.Globalization.CultureInfo.InvariantCulture)).Append("\",\"name\":\"s").Append(i).Append("\"}");
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.Append("]}").ToString(), Encoding.UTF8, "application/json") };
            response.Headers.Add("x-mstr-total-count", Items.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
    }
}
