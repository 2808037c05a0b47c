namespace Strategy.Generated.Tests.Build;

/// <summary>A scratch copy of part of the repository, as a team regenerating the package has it: no build output.</summary>
internal static class RepositoryCopy
{
    /// <summary>Copies <paramref name="files"/> and <paramref name="folders"/> (less every bin, obj and TestResults folder) into a new temporary folder; answers it.</summary>
    public static string Make(string repoRoot, string name, IEnumerable<string> files, IEnumerable<string> folders)
    {
        var copy = Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N"));
        foreach (var file in files)
        {
            CopyFile(Path.Combine(repoRoot, file), Path.Combine(copy, file));
        }

        foreach (var folder in folders)
        {
            var from = Path.Combine(repoRoot, folder);
            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (!relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults"))
                {
                    CopyFile(file, Path.Combine(copy, folder, relative));
                }
            }
        }

        return copy;
    }

    /// <summary>Deletes a copy, if it was made.</summary>
    public static void Delete(string? copy)
    {
        if (copy is not null && Directory.Exists(copy))
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyFile(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Copy(from, to);
    }
}
