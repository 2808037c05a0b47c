using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Strategy.Shared;

namespace Strategy.PowerShell;

/// <summary>Completes a refresh policy's name (Tab), from the shared list, with what each does as its tooltip.</summary>
public sealed class RefreshPolicyCompleter : IArgumentCompleter
{
    /// <inheritdoc />
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RefreshPolicies.Requestable
            .Where(p => p.Name.StartsWith(wordToComplete ?? string.Empty, StringComparison.OrdinalIgnoreCase))
            .Select(p => new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue, p.Does));
}
