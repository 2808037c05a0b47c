using System.Management.Automation;
using System.Net;
using System.Security;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Logs in to a Strategy server and makes the connection the default for the session.</summary>
/// <remarks>
/// <para>Connect-StrategyServer logs in at once, so a wrong password or an unreachable server fails here and not at the first cmdlet that needs the server. The connection it returns is what every other cmdlet of the module uses when it is not given -Connection: the last one made in the session.</para>
/// <para>Passwords and tokens are taken only as PSCredential or SecureString and are never a property of the connection, so Format-List, ConvertTo-Json, -Verbose and -Debug cannot show them. -ProjectId takes the project's id or its name.</para>
/// <para>For a server whose certificate an organization's own authority signed, give that authority's PEM file with -CaCertificate; a refused certificate is a SecurityError naming the problem.</para>
/// <para>The login and the project lookup end within -TimeoutSec (default 600): a server that does not answer is a ConnectionError naming what got no answer, and an address that is not a Strategy Library (an HTML page, a redirect to a sign-in page) is a ConnectionError that says so.</para>
/// </remarks>
/// <example>
/// <code>Connect-StrategyServer -BaseUrl https://bi.example.com/MicroStrategyLibrary -ProjectId 'Tutorial' -Credential (Get-Credential)</code>
/// <para>Asks for the login name and password, logs in and works in the project named Tutorial.</para>
/// </example>
/// <example>
/// <code>$token = Read-Host -AsSecureString 'API token'
/// $server = Connect-StrategyServer https://bi.example.com/MicroStrategyLibrary B7CA92F04B9FAE8D941C3E9B7E0CD754 -ApiToken $token -CaCertificate ./corp-ca.pem</code>
/// <para>Logs in with an API token, trusting the organization's certificate authority, and keeps the connection in $server.</para>
/// </example>
[Cmdlet(VerbsCommunications.Connect, "StrategyServer", DefaultParameterSetName = CredentialSet)]
[OutputType(typeof(StrategyServerConnection))]
public sealed class ConnectStrategyServerCommand : StrategyAsyncCmdlet
{
    private const string CredentialSet = "Credential";
    private const string TokenSet = "ApiToken";

    /// <summary>The server, such as https://host/MicroStrategyLibrary.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    public Uri BaseUrl { get; set; } = null!;

    /// <summary>The project to work in: its id, or its name.</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string ProjectId { get; set; } = null!;

    /// <summary>The login name and password.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>An API token, for token login.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TokenSet)]
    public SecureString ApiToken { get; set; } = null!;

    /// <summary>Standard (the default) or Ldap login with -Credential.</summary>
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateSet("Standard", "Ldap")]
    public string LoginMode { get; set; } = "Standard";

    /// <summary>A PEM file of certificate authorities to trust besides the system's (an organization's own CA).</summary>
    [Parameter]
    public string? CaCertificate { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var credentials = ParameterSetName == TokenSet
            ? StrategyCredentials.ApiToken(new NetworkCredential(string.Empty, ApiToken).Password)
            : new StrategyCredentials(
                LoginMode == "Ldap" ? Generated.LoginMode.Ldap : Generated.LoginMode.Standard,
                Credential.UserName,
                Credential.GetNetworkCredential().Password);
        var caFile = CaCertificate is null ? null : GetUnresolvedProviderPathFromPSPath(CaCertificate);
        var connection = Argument(() => StrategyConnection.Create(new StrategyClientOptions
        {
            BaseUrl = BaseUrl,
            ProjectId = null,
            LoginMode = credentials.LoginMode,
            Username = credentials.Username,
            Password = credentials.Password,
            CaCertificateFile = caFile,
        }));

        var user = credentials.LoginMode == Generated.LoginMode.ApiToken ? "API token" : credentials.Username ?? string.Empty;
        string projectId;
        try
        {
            // Logged in here, so wrong credentials fail at Connect, not at the first cmdlet; a project name is looked up. Both within -TimeoutSec.
            projectId = Run(async token =>
            {
                await connection.LoginAsync(token).ConfigureAwait(false);
                return await ProjectNames.ResolveAsync(connection, ProjectId, "-ProjectId", token).ConfigureAwait(false);
            });
        }
        catch
        {
            // Failed, stopped or timed out: nothing stays logged in.
            connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        var connected = new StrategyServerConnection(connection, BaseUrl, projectId, user);
        connected.KeepUntilGone();
        StrategyServerConnection.Default = connected;
        WriteVerbose($"Connected to {connected}.");
        WriteObject(connected);
    }
}
