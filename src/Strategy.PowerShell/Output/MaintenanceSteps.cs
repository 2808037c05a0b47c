using System.Management.Automation;
using Strategy.Generated;

namespace Strategy.PowerShell;

/// <summary>How the maintenance cmdlets write their outcome: every step as an object, and each that failed as an error of its own.</summary>
internal static class MaintenanceSteps
{
    public static void Write(Cmdlet cmdlet, StrategyMaintenanceOutcome outcome)
    {
        foreach (var step in outcome.Steps)
        {
            cmdlet.WriteObject(step);
            if (!step.Succeeded)
            {
                cmdlet.WriteError(new ErrorRecord(new InvalidOperationException(step.ToString()), "MaintenanceStepFailed", ErrorCategory.InvalidResult, step.Subject));
            }
        }
    }
}
