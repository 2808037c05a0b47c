using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Clients;

/// <summary>
/// Each operation of the spec bound to the client method NSwag generated for it, once for every
/// feature (response headers, workflows, the operation catalog). An operation with no method is
/// reported here (STRAT003) and left out.
/// </summary>
internal sealed record OperationBindings(
    SpecDocument Spec,
    EquatableArray<BoundOperation> Operations,
    EquatableArray<ClientModel> Clients,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static OperationBindings Bind(SpecDocument spec, EquatableArray<ClientModel> clients)
    {
        var bound = new List<BoundOperation>();
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var operation in spec.Operations)
        {
            var client = clients.FirstOrDefault(c => c.Name == operation.ClientClassName);
            var method = client?.Methods.FirstOrDefault(m => m.Name == operation.MethodName);
            if (client is null || method is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    Common.Diagnostics.OperationNotGenerated, operation.Location, operation.OperationId, operation.ClientClassName, operation.MethodName));
                continue;
            }

            bound.Add(new BoundOperation(operation, client, method));
        }

        return new OperationBindings(spec, bound.ToEquatableArray(), clients, diagnostics.ToEquatableArray());
    }

    /// <summary>The bound operation with this id, or <see langword="null"/> (not in the spec, or not generated).</summary>
    public BoundOperation? Of(string operationId) => Operations.FirstOrDefault(o => o.Operation.OperationId == operationId);
}

/// <summary>An operation of the spec and the client method that calls it.</summary>
internal sealed record BoundOperation(SpecOperation Operation, ClientModel Client, ClientMethod Method);
