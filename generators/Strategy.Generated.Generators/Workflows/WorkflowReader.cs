using System.Linq;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Spec;
using YamlDotNet.RepresentationModel;

namespace Strategy.Generated.Generators.Workflows;

/// <summary>
/// Reads the <c>x-strategy-*</c> declarations of one operation with the kinds the generator was
/// given: each key to its kind, a key no kind takes reported with the nearest one.
/// </summary>
internal static class WorkflowReader
{
    /// <summary>
    /// The extensions that are not workflow declarations: read elsewhere (<c>x-strategy-since</c> and
    /// <c>x-strategy-project</c> by the spec reader, <c>x-strategy-header</c> by the NSwag template,
    /// <c>x-strategy-store</c> by the emulator),
    /// and known so they are not taken for misspelled kinds.
    /// </summary>
    private static readonly string[] OtherExtensions = ["x-strategy-since", "x-strategy-header", Spec.SpecProjectHeader.Extension, Spec.SpecCommandNames.CommandExtension, Spec.SpecCommandNames.CmdletExtension, "x-strategy-store", Spec.SpecReader.ColumnsExtension];

    /// <summary>The reader the spec reader calls for each operation, with <paramref name="kinds"/>.</summary>
    public static SpecExtensionReader With(System.Collections.Generic.IReadOnlyList<DeclarationKind> kinds) =>
        (spec, operationId, operation) => ReadAll(kinds, spec, operationId, operation);

    /// <summary>Reads every <c>x-strategy-*</c> declaration of an operation, each with its kind; an unknown extension is reported with the nearest known one.</summary>
    public static EquatableArray<SpecDeclaration> ReadAll(System.Collections.Generic.IReadOnlyList<DeclarationKind> kinds, SpecReader spec, string operationId, YamlMappingNode operation)
    {
        foreach (var key in operation.Children.Keys)
        {
            var name = SpecReader.Scalar(key) ?? string.Empty;
            if (name.StartsWith("x-strategy-", System.StringComparison.Ordinal) && !kinds.Any(k => k.Extension == name) && !OtherExtensions.Contains(name))
            {
                var known = kinds.Select(k => k.Extension).Concat(OtherExtensions);
                spec.Report(DiagnosticInfo.Create(Diagnostics.UnknownKey, spec.Locate(key), "operation", operationId, name, Naming.DidYouMean(name, known)));
            }
        }

        return kinds
            .Select(kind => Read(kind, spec, operationId, operation))
            .OfType<SpecDeclaration>()
            .ToEquatableArray();
    }

    private static Declaration? Read(DeclarationKind kind, SpecReader spec, string operationId, YamlMappingNode operation)
    {
        var key = operation.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == kind.Extension);
        if (key is null)
        {
            return null;
        }

        if (operation.Children[key] is not YamlMappingNode mapping)
        {
            spec.Report(DiagnosticInfo.Create(Diagnostics.MissingKey, spec.Locate(key), kind.Extension, operationId, "a mapping of settings"));
            return null;
        }

        var entry = new DeclarationEntry(spec, operationId, kind.Extension, mapping, spec.Locate(key));
        var declaration = kind.Read(entry);
        entry.ReportUnknownKeys();
        return entry.Failed ? null : declaration;
    }
}
