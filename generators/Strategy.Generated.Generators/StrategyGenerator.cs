using System.Linq;
using Microsoft.CodeAnalysis;
using Strategy.Generated.Generators.Clients;
using Strategy.Generated.Generators.Common;
using Strategy.Generated.Generators.Operations;
using Strategy.Generated.Generators.ResponseHeaders;
using Strategy.Generated.Generators.Spec;
using Strategy.Generated.Generators.Workflows;

namespace Strategy.Generated.Generators;

/// <summary>
/// Reads the OpenAPI spec (an AdditionalFile named <c>*.openapi.yaml</c>) and the NSwag clients
/// in the compilation, and adds what the spec declares beyond NSwag's reach.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StrategyGenerator : IIncrementalGenerator
{
    private readonly System.Collections.Generic.IReadOnlyList<DeclarationKind> _kinds;

    /// <summary>Creates the generator with the declaration kinds it knows (<see cref="DeclarationKinds.Default"/>).</summary>
    public StrategyGenerator()
        : this(DeclarationKinds.Default)
    {
    }

    /// <summary>Creates the generator with these declaration kinds, in this order (a test hands it a fixture kind too).</summary>
    internal StrategyGenerator(System.Collections.Generic.IReadOnlyList<DeclarationKind> kinds) => _kinds = kinds;

    /// <summary>Tracking name of the step that parses the spec.</summary>
    public const string SpecStep = "Spec";

    /// <summary>Tracking name of the step that collects the generated clients.</summary>
    public const string ClientsStep = "Clients";

    /// <summary>Tracking name of the step that binds each operation to its client method.</summary>
    public const string BindingsStep = "Bindings";

    /// <summary>Tracking name of the step that builds the operation catalog.</summary>
    public const string CatalogStep = "Catalog";

    /// <summary>Tracking name of the step that builds the typed response headers.</summary>
    public const string ResponseHeadersStep = "ResponseHeaders";

    /// <summary>Tracking name of the step that resolves the workflow declarations.</summary>
    public const string WorkflowsStep = "Workflows";

    /// <summary>Tracking name of the step that splits the workflows into one item per client, each emitted on its own.</summary>
    public const string ClientWorkflowsStep = "ClientWorkflows";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var kinds = _kinds;
        var extensions = WorkflowReader.With(kinds);
        // The PowerShell module's compilation asks for its cmdlets (StrategyGeneratorRole=cmdlets); the library's for the rest.
        var role = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.StrategyGeneratorRole", out var value) ? value : string.Empty);
        var read = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".openapi.yaml", System.StringComparison.OrdinalIgnoreCase))
            .Select((file, cancellationToken) => SpecReader.Read(file.Path, file.GetText(cancellationToken), extensions))
            .Combine(role);
        var specs = read
            .Where(static pair => pair.Right != Cmdlets.CmdletEmitter.Role)
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(SpecStep);
        context.RegisterSourceOutput(
            read.Where(static pair => pair.Right == Cmdlets.CmdletEmitter.Role).Select(static (pair, _) => pair.Left),
            static (output, spec) => output.AddSource("StrategyCmdlets.g.cs", Cmdlets.CmdletEmitter.Emit(spec)));

        var clients = context.SyntaxProvider
            .CreateSyntaxProvider(static (node, _) => ClientModel.IsCandidate(node), ClientModel.From)
            .Where(static client => client is not null)
            .Select(static (client, _) => client!)
            .Collect()
            .Select(static (all, _) => all.OrderBy(c => c.Name, System.StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(ClientsStep);

        // Operations are bound to client methods once, for every feature below.
        var bindings = specs
            .Combine(clients)
            .Select(static (pair, _) => OperationBindings.Bind(pair.Left, pair.Right))
            .WithTrackingName(BindingsStep);

        var responseHeaders = bindings
            .Select(static (bound, _) => ResponseHeadersModel.Build(bound))
            .WithTrackingName(ResponseHeadersStep);

        var workflows = bindings
            .Select((bound, _) => WorkflowsBuilder.Build(bound, kinds))
            .WithTrackingName(WorkflowsStep);

        var catalog = bindings
            .Select(static (bound, _) => OperationCatalog.Build(bound))
            .WithTrackingName(CatalogStep);

        var specInfo = specs
            .Combine(clients)
            .Select(static (pair, _) => (pair.Left.Title, pair.Left.Version, Namespace: pair.Right.Count > 0 ? pair.Right[0].Namespace : null));

        context.RegisterSourceOutput(specs, static (output, spec) => Report(output, spec.Diagnostics));
        context.RegisterSourceOutput(bindings.Select(static (bound, _) => bound.Diagnostics), Report);
        context.RegisterSourceOutput(catalog, static (output, model) =>
        {
            if (model.Operations.Count > 0)
            {
                output.AddSource("StrategyOperations.g.cs", OperationCatalog.Emit(model));
            }
        });
        context.RegisterSourceOutput(specInfo, static (output, info) =>
        {
            if (info.Namespace is not null)
            {
                output.AddSource("StrategySpec.g.cs", SpecInfoEmitter.Emit(info.Namespace, info.Title, info.Version));
            }
        });
        // One equatable item per client: editing one client's declarations re-emits that client only.
        var clientWorkflows = workflows
            .SelectMany(static (model, _) => model.Clients)
            .WithTrackingName(ClientWorkflowsStep);
        context.RegisterSourceOutput(workflows.Select(static (model, _) => model.Diagnostics), Report);
        context.RegisterSourceOutput(clientWorkflows, static (output, client) =>
            output.AddSource(client.ClassName + ".Workflows.g.cs", WorkflowsEmitter.Emit(client)));
        context.RegisterSourceOutput(workflows, static (output, model) =>
        {
            if (ResumersEmitter.Emit(model) is { } resumers)
            {
                output.AddSource("StrategyResumers.g.cs", resumers);
            }

            if (ResumersEmitter.EmitKinds(model) is { } kinds)
            {
                output.AddSource("StrategyWorkKinds.g.cs", kinds);
            }
        });
        context.RegisterSourceOutput(responseHeaders, static (output, model) =>
        {
            Report(output, model.Diagnostics);
            if (model.ResponseClass is not null && model.Properties.Count > 0)
            {
                output.AddSource("StrategyResponse.Headers.g.cs", ResponseHeadersEmitter.Emit(model));
            }
        });
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
    }
}
