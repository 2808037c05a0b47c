using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>An Intelligent Cube as Get-StrategyCube writes it: its id, its name and its status flags.</summary>
/// <param name="Id">The cube's id.</param>
/// <param name="Name">The cube's name.</param>
/// <param name="Status">Its status flags (Processing, Active, Persisted, Dirty, Loaded, Ready, …).</param>
/// <param name="StatusValue">The flags as the server sent them, bits this module does not know included.</param>
public sealed record StrategyCube(string Id, string? Name, CubeStatus Status, long StatusValue)
{
    /// <summary>Whether the cube is ready and not being worked on or dirty: a publish ended well.</summary>
    public bool IsReady => Status.HasFlag(CubeStatus.Ready) && !Status.HasFlag(CubeStatus.Processing) && !Status.HasFlag(CubeStatus.Dirty);
}
