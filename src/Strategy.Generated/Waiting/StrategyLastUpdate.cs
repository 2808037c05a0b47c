namespace Strategy.Generated;

/// <summary>
/// The durable record of the last update of something a job worked on (an Intelligent Cube's
/// cache): it outlives the job, which leaves the monitor soon after it ends.
/// </summary>
/// <param name="Source">Where the record was read, such as <c>cube cache 6F1…:B7CA…:RU5W…</c>.</param>
/// <param name="JobNumber">The job that last updated it, as a number on its node, when the server said.</param>
/// <param name="Time">
/// When it was last updated, as the server wrote it (a cube cache's <c>yyyy-MM-dd HH:mm:ss</c> is in the
/// server's own time, with no zone, so it is not turned into a time in this machine's zone), when it said.
/// </param>
/// <param name="ErrorMessage">Why that update failed, or <see langword="null"/> when it did not.</param>
public sealed record StrategyLastUpdate(string Source, long? JobNumber, string? Time, string? ErrorMessage)
{
    /// <summary>Whether the record says the job <paramref name="jobId"/> (a composite id such as <c>478:RU5W…</c>, or its number) made the last update.</summary>
    /// <param name="jobId">The job.</param>
    /// <returns><see langword="true"/> when the numbers match.</returns>
    public bool IsFrom(string jobId) => JobNumber is { } number && StrategyJobId.NumberOf(jobId) == number;
}
