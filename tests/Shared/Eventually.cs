namespace Strategy.Tests.Shared;

/// <summary>
/// Waits for something a test set going to happen (a job to start, a session to end), checking it
/// again and again. The time given is a guard against a hang, far beyond what the step takes on a
/// busy machine, never a pass criterion: the test asserts what happened, not how long it took.
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan DefaultGuard = TimeSpan.FromSeconds(60);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> if it never does.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? guard = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, guard);

    /// <summary>Returns once <paramref name="condition"/> holds; fails naming <paramref name="what"/> if it never does.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? guard = null)
    {
        using var hang = new CancellationTokenSource(guard ?? DefaultGuard);
        while (!await condition())
        {
            if (hang.IsCancellationRequested)
            {
                NUnit.Framework.Assert.Fail($"Never happened: {what}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
