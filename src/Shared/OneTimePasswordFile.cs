using System.Text;

namespace Strategy.Shared;

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
            throw new ArgumentException($"The one-time password file {Path} exists; it is never overwritten. Move it, or name another file. Nothing was sent.");
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
                _writer = new StreamWriter(CreatePrivate(Path), new UTF8Encoding(false));
                await _writer.WriteLineAsync("username,password");
            }

            await _writer.WriteLineAsync($"{username},{password}");
#if NET
            await _writer.FlushAsync(CancellationToken.None);
#else
            await _writer.FlushAsync();
#endif
            Count++;
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _writer?.Dispose();
        _gate.Dispose();
        return default;
    }

    /// <summary>A new file only its owner can read and write, before anything is written to it.</summary>
    private static FileStream CreatePrivate(string path)
    {
#if NET
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
#else
        // .NET Standard (the module) cannot create with a mode: the file is created empty, made private, then written.
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (Environment.OSVersion.Platform == PlatformID.Unix && Chmod(path, 0x180) != 0)
        {
            stream.Dispose();
            File.Delete(path);
            throw new IOException($"The one-time password file {path} could not be made readable by its owner only; it was removed and nothing was written to it.");
        }

        return stream;
#endif
    }

#if !NET
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chmod", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Chmod(string path, uint mode);
#endif
}
