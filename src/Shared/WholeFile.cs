namespace Strategy.Shared;

/// <summary>
/// Writes a file whole or not at all: to a temporary name beside it, moved into place once written,
/// so a failed or interrupted export never leaves a partial file under the name a scheduler's next
/// step (or a person) reads, and an older file of that name stays until the new one is whole.
/// </summary>
internal static class WholeFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; answers what it answered.</summary>
    /// <exception cref="ArgumentException">The file's folder does not exist.</exception>
    public static async Task<T> WriteAsync<T>(string path, Func<Stream, Task<T>> write)
    {
        path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"The file {path} cannot be written: its folder {folder} does not exist.");
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

            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }

            return answer;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
