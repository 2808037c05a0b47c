using Strategy.Generated.Http;

namespace Strategy.Generated.Tests.Support;

/// <summary>A fresh mocked server and a client of <typeparamref name="TClient"/> on it, per test.</summary>
public abstract class ClientTest<TClient>
    where TClient : StrategyClientBase
{
    private MockServer? _server;

    private protected MockServer Server => _server ?? throw new InvalidOperationException("The test has not started.");

    protected TClient Client { get; private set; } = null!;

    protected abstract TClient Create(HttpClient http);

    [SetUp]
    public void StartServer()
    {
        _server = new MockServer();
        Client = _server.Client(Create);
    }

    [TearDown]
    public void StopServer() => _server?.Dispose();
}
