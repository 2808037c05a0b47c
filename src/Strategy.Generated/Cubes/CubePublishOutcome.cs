namespace Strategy.Generated;

/// <summary>How one Intelligent Cube publish ended: the job's last status, the cube's flags and its cache's last update.</summary>
/// <param name="CubeId">The cube.</param>
/// <param name="Job">The job's last status (confirmed from the cube when the job left the monitor first), or <see langword="null"/> when no job was started.</param>
/// <param name="Flags">The cube's status flags once the publish ended, when they were read.</param>
/// <param name="LastUpdate">The cube cache's record of its last update, when it could be read.</param>
public sealed record CubePublishOutcome(string CubeId, MonitorJob? Job, StrategyFlags<CubeStatus>? Flags, StrategyLastUpdate? LastUpdate)
{
    /// <summary>Why the publish failed, or <see langword="null"/> when it succeeded.</summary>
    public Exception? Error { get; init; }

    /// <summary>Whether the publish succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>How many times the server rejected the publish because a job limit was reached before it took it.</summary>
    public int Rejections { get; init; }

    /// <summary>The outcome in a line, for logs: <c>cube 8D67… published (job 478:RU5W…, Active, Loaded, Ready)</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() =>
        "cube " + CubeId + (Succeeded ? " published" : " failed")
        + " (" + string.Join(", ", new[] { Job?.Id is { } id ? "job " + ServerText.Clean(id, 100) : null, Flags?.ToString(), Error is null ? null : ServerText.Clean(Error.Message, 300) }.Where(p => p is not null)) + ")";
}
