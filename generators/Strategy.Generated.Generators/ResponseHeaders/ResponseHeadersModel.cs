using System.Collections.Generic;
using System.Linq;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.ResponseHeaders;

/// <summary>Typed properties to add to the wrapped response class, one per data-carrying header.</summary>
internal sealed record ResponseHeadersModel(
    string? ResponseClass,
    EquatableArray<HeaderProperty> Properties,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ResponseHeadersModel Build(OperationBindings bindings)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var properties = new Dictionary<string, (SpecHeader Header, List<string> Operations)>(System.StringComparer.OrdinalIgnoreCase);
        string? responseClass = null;

        foreach (var (operation, _, method) in bindings.Operations)
        {
            foreach (var header in operation.ResponseHeaders)
            {
                if (method.WrappedResponseType is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(
                        Common.Diagnostics.HeaderNotWrapped,
                        header.Location,
                        operation.OperationId,
                        header.Name,
                        operation.ClientClassName,
                        operation.MethodName,
                        Naming.Pascal(operation.OperationId)));
                    continue;
                }

                responseClass ??= method.WrappedResponseType;
                if (!properties.TryGetValue(header.Name, out var entry))
                {
                    entry = (header, []);
                    properties.Add(header.Name, entry);
                }

                entry.Operations.Add(operation.OperationId);
            }
        }

        return new ResponseHeadersModel(
            responseClass,
            properties.Values
                .Select(p => new HeaderProperty(
                    Naming.HeaderProperty(p.Header.Name),
                    p.Header.Name,
                    ClrType(p.Header),
                    p.Header.Description,
                    p.Operations.ToEquatableArray()))
                .OrderBy(p => p.PropertyName, System.StringComparer.Ordinal)
                .ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static string ClrType(SpecHeader header) => header.SchemaType switch
    {
        "integer" when header.Format == "int64" => "long",
        "integer" => "int",
        "boolean" => "bool",
        _ => "string",
    };
}

/// <summary>One typed header property.</summary>
internal sealed record HeaderProperty(
    string PropertyName,
    string HeaderName,
    string ClrType,
    string? Description,
    EquatableArray<string> Operations);
