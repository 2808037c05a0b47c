using System.Net;
using System.Net.Sockets;

namespace Strategy.Tests.Shared;

/// <summary>
/// A port on 127.0.0.1 where connecting hangs: a listener that never accepts, its queue filled, so
/// the kernel drops further connection attempts as a firewall that drops packets does (a connect
/// that neither succeeds nor is refused).
/// </summary>
internal sealed class FullBacklogListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public FullBacklogListener()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;

        // A backlog of 0 still queues a connection or two: fill it until a connection attempt is left hanging.
        for (var i = 0; i < 8; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _fillers.Add(filler);
            if (!filler.ConnectAsync(IPAddress.Loopback, Port).Wait(TimeSpan.FromSeconds(2)))
            {
                // This one hangs: the queue is full, and the next client's attempt will hang too.
                return;
            }
        }

        throw new InvalidOperationException("The listener's queue never filled: connections to it would not hang.");
    }

    /// <summary>The port where connecting hangs.</summary>
    public int Port { get; }

    /// <summary>An address on that port, as a Strategy base address.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/MicroStrategyLibrary/");

    public void Dispose()
    {
        foreach (var filler in _fillers)
        {
            filler.Dispose();
        }

        _listener.Dispose();
    }
}
