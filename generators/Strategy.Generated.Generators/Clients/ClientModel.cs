using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Clients;

/// <summary>A generated client class as the generator needs it: plain values, no symbols.</summary>
internal sealed record ClientModel(string Namespace, string Name, EquatableArray<ClientMethod> Methods)
{
    public const string BaseClassName = "StrategyClientBase";

    /// <summary>Cheap syntax filter: a class whose base list names the client base class.</summary>
    public static bool IsCandidate(SyntaxNode node) =>
        node is ClassDeclarationSyntax { BaseList: { } baseList }
        && baseList.Types.Any(t => t.Type.ToString().EndsWith(BaseClassName, System.StringComparison.Ordinal));

    public static ClientModel? From(GeneratorSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type
            || type.BaseType?.Name != BaseClassName)
        {
            return null;
        }

        var methods = type.GetMembers()
            .OfType<IMethodSymbol>()
            .Where(m => m.DeclaredAccessibility == Accessibility.Public
                        && m.MethodKind == MethodKind.Ordinary
                        && m.Parameters.LastOrDefault()?.Type.Name == nameof(CancellationToken))
            .Select(ClientMethod.From)
            .ToEquatableArray();

        return new ClientModel(type.ContainingNamespace.ToDisplayString(), type.Name, methods);
    }
}

/// <summary>A public client method that takes a cancellation token.</summary>
internal sealed record ClientMethod(string Name, string ReturnType, string? WrappedResponseType, EquatableArray<ClientParameter> Parameters)
{
    public static ClientMethod From(IMethodSymbol method)
    {
        // Task<StrategyResponse> or Task<StrategyResponse<T>>: the response class is the wrapper.
        string? wrapped = null;
        if (method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task
            && task.TypeArguments[0] is INamedTypeSymbol result
            && (result.Name == "StrategyResponse" || result.BaseType?.Name == "StrategyResponse"))
        {
            wrapped = result.Name == "StrategyResponse" && result.TypeArguments.Length == 0
                ? result.ToDisplayString()
                : result.BaseType!.ToDisplayString();
        }

        return new ClientMethod(
            method.Name,
            method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            wrapped,
            method.Parameters
                .Select(p => new ClientParameter(p.Name, p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
                .ToEquatableArray());
    }
}

/// <summary>A parameter of a client method.</summary>
internal sealed record ClientParameter(string Name, string Type);
