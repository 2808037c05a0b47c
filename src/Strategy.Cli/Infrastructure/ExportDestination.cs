namespace Strategy.Cli.Infrastructure;

/// <summary>
/// Where an export's file goes (<c>-o</c>): a path, written to a temporary file beside it and moved
/// into place only once whole, so a failed or interrupted export never leaves a partial file under
/// the name a scheduler's next step reads; or <c>-</c>, stdout when it is not a terminal.
/// </summary>
internal static class ExportDestination
{
    /// <summary>The name that means stdout.</summary>
    public const string StandardOutput = "-";

    /// <summary>Whether the file goes to stdout (so messages go to stderr).</summary>
    public static bool IsStandardOutput(string output) => output == StandardOutput;

    /// <summary>Writes the file with <paramref name="write"/>; answers what it answered.</summary>
    /// <exception cref="ArgumentException">The output is stdout on a terminal, or a folder that does not exist.</exception>
    public static async Task<T> WriteAsync<T>(CliConsole console, string output, Func<Stream, Task<T>> write)
    {
        if (IsStandardOutput(output))
        {
            var open = console.OpenStandardOutput
                ?? throw new ArgumentException("-o - writes the file to stdout, which is a terminal here: redirect it (> file or a pipe) or name a file.");
            using var stdout = open();
            return await write(stdout).ConfigureAwait(false);
        }

        var path = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"-o names a file in {folder}, which does not exist.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.part");
        try
        {
            T answer;
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                answer = await write(file).ConfigureAwait(false);
                await file.FlushAsync().ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
            return answer;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
