using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// Resolves the <c>x-strategy-*</c> declarations against the spec and the generated clients, kind
/// by kind in the list's order (waits before the starts and scopes that wait with them). A
/// declaration that names something that does not exist is reported and produces no helper.
/// </summary>
internal static class WorkflowsBuilder
{
    public static WorkflowsModel Build(OperationBindings bindings, IReadOnlyList<DeclarationKind> kinds)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var byClass = new Dictionary<string, List<(int Order, Helper Helper)>>();
        var context = new ResolveContext(bindings, diagnostics, byClass);
        for (var order = 0; order < kinds.Count; order++)
        {
            var extension = kinds[order].Extension;
            foreach (var bound in bindings.Operations)
            {
                foreach (var declaration in bound.Operation.Declarations.OfType<Declaration>().Where(d => d.Extension == extension))
                {
                    context.Begin(bound, extension, order);
                    declaration.Resolve(context);
                }
            }
        }

        var clientWorkflows = byClass
            .OrderBy(c => c.Key, System.StringComparer.Ordinal)
            .Select(c =>
            {
                var client = bindings.Clients.First(m => m.Name == c.Key);

                // Grouped by kind, in the kinds' order; within a kind, in the spec's order (OrderBy is stable).
                return new ClientWorkflows(client.Namespace, client.Name, c.Value.OrderBy(h => h.Order).Select(h => h.Helper).ToEquatableArray());
            })
            .ToEquatableArray();

        return new WorkflowsModel(clientWorkflows, diagnostics.ToEquatableArray());
    }
}
