namespace Strategy.EndToEnd.Tests;

/// <summary>Runs a workflow and keeps its outcome, so a test can count and classify failures instead of stopping at the first.</summary>
internal static class Outcomes
{
    /// <returns>The exception the workflow ended with, or <see langword="null"/> when it completed.</returns>
    public static async Task<Exception?> CatchAsync(Func<Task> workflow)
    {
        try
        {
            await workflow();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
