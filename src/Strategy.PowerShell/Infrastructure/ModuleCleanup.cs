using System.Management.Automation;

namespace Strategy.PowerShell;

/// <summary><c>Remove-Module Strategy.PowerShell</c> logs out every connection the module still holds.</summary>
public sealed class ModuleCleanup : IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo) => StrategyServerConnection.CloseAll(_ => true);
}
