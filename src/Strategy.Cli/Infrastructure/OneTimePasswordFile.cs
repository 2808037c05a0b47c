using System.Text;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Where <c>users apply</c> keeps new people's one-time passwords: a file created new (never one that
/// exists), readable and writable by its owner only, a <c>username,password</c> line per person written
/// and flushed as soon as the person exists. The passwords go nowhere else: not to the terminal, a log or a trace.
/// </summary>
internal sealed class OneTimePasswordFile(string path) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StreamWriter? _writer;

    /// <summary>The file's full path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>How many passwords were written.</summary>
    public int Count { get; private set; }

    /// <summary>Checks, before anything is sent, that the file can be created: it must not exist, and its folder must.</summary>
    /// <exception cref="ArgumentException">It exists, or its folder does not.</exception>
    public void CheckCanCreate()
    {
        if (File.Exists(Path))
        {
            throw new ArgumentException($"The one-time password file {Path} exists; it is never overwritten. Move it, or give another with --passwords. Nothing was sent.");
        }

        if (!Directory.Exists(System.IO.Path.GetDirectoryName(Path)))
        {
            throw new ArgumentException($"The one-time password file {Path} cannot be created: its folder does not exist. Nothing was sent.");
        }
    }

    public async Task WriteAsync(string username, string password, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (_writer is null)
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                _writer = new StreamWriter(new FileStream(Path, options), new UTF8Encoding(false));
                await _writer.WriteLineAsync("username,password");
            }

            await _writer.WriteLineAsync($"{username},{password}");
            await _writer.FlushAsync(CancellationToken.None);
            Count++;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _gate.Dispose();
    }
}
