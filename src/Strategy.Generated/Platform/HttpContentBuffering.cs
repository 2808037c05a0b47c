namespace Strategy.Generated;

/// <summary>Buffers content so it can be read or sent more than once, with cancellation where the runtime has it.</summary>
internal static class HttpContentBuffering
{
    public static Task BufferAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        if (content is ByteArrayContent)
        {
            // Already in memory and readable again (the generated clients send StringContent): copying it would only cost.
            return Task.CompletedTask;
        }

#if NET9_0_OR_GREATER
        return content.LoadIntoBufferAsync(cancellationToken);
#else
        cancellationToken.ThrowIfCancellationRequested();
        return content.LoadIntoBufferAsync();
#endif
    }
}
