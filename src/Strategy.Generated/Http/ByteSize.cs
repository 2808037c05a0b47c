namespace Strategy.Generated.Http;

/// <summary>A number of bytes as a person reads it in a message: <c>812 bytes</c>, <c>64 KB</c>, <c>200 MB</c>.</summary>
internal static class ByteSize
{
    public static string Words(long bytes) => bytes switch
    {
        < 1024 => FormattableString.Invariant($"{bytes} bytes"),
        < 1024 * 1024 => FormattableString.Invariant($"{bytes / 1024.0:0.#} KB"),
        _ => FormattableString.Invariant($"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
