using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Clients;

/// <summary>A generated client class as the generator needs it: plain values, no symbols.</summary>
internal sealed record ClientModel(string Namespace, string Name, EquatableArray<ClientMethod> Methods)
{
    /// <summary>The interface NSwag generated for the class (<c>I</c> + its name), if the class implements it.</summary>
    public string? InterfaceName { get; init; }

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

        return new ClientModel(type.ContainingNamespace.ToDisplayString(), type.Name, methods)
        {
            InterfaceName = type.AllInterfaces.Any(i => i.Name == "I" + type.Name) ? "I" + type.Name : null,
        };
    }
}

/// <summary>A public client method that takes a cancellation token.</summary>
/// <param name="Name">The method name, such as <c>GetTaskAsync</c>.</param>
/// <param name="WrappedResponseType">The response wrapper class when the method answers one, else <see langword="null"/>.</param>
/// <param name="ResultType">What the method answers (inside the wrapper, if any), or <see langword="null"/> for nothing.</param>
/// <param name="ResultNullable">Whether the answer may be <see langword="null"/>.</param>
/// <param name="ResultProperties">The public properties of <paramref name="ResultType"/>.</param>
/// <param name="Parameters">The parameters, the cancellation token last.</param>
internal sealed record ClientMethod(
    string Name,
    string? WrappedResponseType,
    string? ResultType,
    bool ResultNullable,
    EquatableArray<ClientProperty> ResultProperties,
    EquatableArray<ClientParameter> Parameters)
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayFormat.FullyQualifiedFormat.MiscellaneousOptions | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ClientMethod From(IMethodSymbol method)
    {
        string? wrapped = null;
        ITypeSymbol? result = null;
        if (method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task)
        {
            result = task.TypeArguments[0];
            if (result is INamedTypeSymbol named && (named.Name == "StrategyResponse" || named.BaseType?.Name == "StrategyResponse"))
            {
                var wrapper = named.TypeArguments.Length == 0 ? named : named.BaseType!;
                wrapped = wrapper.ToDisplayString();
                result = named.TypeArguments.Length == 1 ? named.TypeArguments[0] : null;
            }
        }

        var properties = result is null
            ? EquatableArray<ClientProperty>.Empty
            : result.GetMembers().OfType<IPropertySymbol>()
                .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic)
                .Select(ClientProperty.From)
                .ToEquatableArray();

        return new ClientMethod(
            method.Name,
            wrapped,
            result?.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(TypeFormat),
            result?.NullableAnnotation == NullableAnnotation.Annotated,
            properties,
            method.Parameters
                .Select(p => new ClientParameter(p.Name, p.Type.ToDisplayString(TypeFormat)))
                .ToEquatableArray());
    }

    public ClientProperty? Property(string name) => ResultProperties.FirstOrDefault(p => p.Name == name);
}

/// <summary>A parameter of a client method.</summary>
internal sealed record ClientParameter(string Name, string Type);

/// <summary>A property of a model, with its element type when it is a list.</summary>
internal sealed record ClientProperty(string Name, string Type, string? ElementType)
{
    public static ClientProperty From(IPropertySymbol property)
    {
        var type = property.Type;
        var element = type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic && type.SpecialType != SpecialType.System_String
            && generic.AllInterfaces.Concat(new[] { generic }).Any(i => i.Name == "IEnumerable")
            ? generic.TypeArguments[0]
            : null;
        return new ClientProperty(
            property.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            element?.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }
}
