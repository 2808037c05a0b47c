using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>Gets the project's Intelligent Cubes with their status flags.</summary>
/// <remarks>
/// <para>Get-StrategyCube lists the cubes of the connection's project (the quick search, type 776), or gets the ones given by -Id, each with its status flags read from the server (Processing while a publish runs; Ready once it ended well; Dirty when it did not take). An id the server does not know is a non-terminating ObjectNotFound error; the other ids go on.</para>
/// </remarks>
/// <example>
/// <code>Get-StrategyCube | Where-Object { -not $_.IsReady }</code>
/// <para>The cubes that are being published, or whose last publish did not take.</para>
/// </example>
/// <example>
/// <code>Get-StrategyCube -Name '*sales*' | Update-StrategyCube</code>
/// <para>Publishes every cube whose name contains "sales" and writes how each ended.</para>
/// </example>
[Cmdlet(VerbsCommon.Get, "StrategyCube", DefaultParameterSetName = AllSet)]
[OutputType(typeof(StrategyCube))]
public sealed class GetStrategyCubeCommand : StrategyGetCmdlet<StrategyCube>
{
    /// <summary>The object type of an Intelligent Cube in a quick search.</summary>
    private const int CubeType = 776;

    /// <summary>The cubes to get, by id; an id the server does not have is a non-terminating error.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("CubeId")]
    [ValidateNotNullOrEmpty]
    public string[] Id { get; set; } = [];

    /// <inheritdoc />
    protected override IEnumerable<string> Ids => Id;

    /// <inheritdoc />
    protected override async Task<StrategyCube> GetAsync(StrategyServerConnection server, string id, CancellationToken cancellationToken)
    {
        var cubes = server.Client<CubesClient>();
        var cube = await cubes.GetCubeAsync(id, cancellationToken).ConfigureAwait(false);
        return await WithFlagsAsync(cubes, id, cube.Name, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<StrategyCube> ListAsync(StrategyServerConnection server, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cubes = server.Client<CubesClient>();
        var found = await server.Client<SearchClient>().SearchObjectsAsync(type: [CubeType], limit: -1, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var result in (found.Result ?? []).Where(r => r is not null))
        {
            yield return await WithFlagsAsync(cubes, result.Id, result.Name, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override string? NameOf(StrategyCube item) => item.Name;

    private static async Task<StrategyCube> WithFlagsAsync(CubesClient cubes, string id, string? name, CancellationToken cancellationToken)
    {
        var flags = await cubes.GetCubeStatusFlagsAsync(id, cancellationToken).ConfigureAwait(false);
        return new StrategyCube(id, name, flags.Value, flags.Raw);
    }
}
