using System.Management.Automation;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>
/// Accepts the name of a refresh policy a publish can ask for (the shared list), before the cmdlet
/// runs, with the message the module gives for any other value: what to use instead.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
internal sealed class RefreshPolicyNameAttribute : ValidateArgumentsAttribute
{
    /// <inheritdoc />
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        try
        {
            RefreshPolicies.Parse(arguments?.ToString() ?? string.Empty, "-Table", RefreshPolicies.Names);
        }
        catch (ArgumentException e)
        {
            throw new ValidationMetadataException(e.Message);
        }
    }
}
