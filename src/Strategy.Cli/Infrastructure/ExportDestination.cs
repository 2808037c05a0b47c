using Strategy.Shared;

namespace Strategy.Cli.Infrastructure;

/// <summary>Where an export's file goes (<c>-o</c>): a path, written whole or not at all (<see cref="WholeFile"/>); or <c>-</c>, stdout when it is not a terminal.</summary>
internal static class ExportDestination
{
    /// <summary>The name that means stdout.</summary>
    public const string StandardOutput = "-";

    /// <summary>Whether the file goes to stdout (so messages go to stderr).</summary>
    public static bool IsStandardOutput(string output) => output == StandardOutput;

    /// <summary>Writes the file with <paramref name="write"/>; answers what it answered.</summary>
    /// <exception cref="ArgumentException">The output is stdout on a terminal, or in a folder that does not exist.</exception>
    public static async Task<T> WriteAsync<T>(CliConsole console, string output, Func<Stream, Task<T>> write)
    {
        if (IsStandardOutput(output))
        {
            var open = console.OpenStandardOutput
                ?? throw new ArgumentException("-o - writes the file to stdout, which is a terminal here: redirect it (> file or a pipe) or name a file.");
            using var stdout = open();
            return await write(stdout).ConfigureAwait(false);
        }

        return await WholeFile.WriteAsync(output, write).ConfigureAwait(false);
    }
}
