using System.Reflection;
using System.Text;

namespace Strategy.Generated.Tests.Api;

/// <summary>
/// The public API of Strategy.Generated (hand-written and generated) against a checked-in
/// baseline, so a spec or code change that breaks consumers shows up as a diff in review.
/// Accept a deliberate change with STRATEGY_UPDATE_API=1 and review the diff of Api/Strategy.Generated.api.txt.
/// </summary>
public sealed class PublicApiTests
{
    private static string BaselinePath => Path.Combine(
        typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!,
        "tests", "Strategy.Generated.Tests", "Api", "Strategy.Generated.api.txt");

    [Test]
    public void The_public_API_matches_the_baseline()
    {
        var actual = Describe(typeof(Http.StrategyClientBase).Assembly);
        if (Environment.GetEnvironmentVariable("STRATEGY_UPDATE_API") == "1")
        {
            File.WriteAllText(BaselinePath, actual);
        }

        Assert.That(File.Exists(BaselinePath), Is.True, $"No baseline at {BaselinePath}; run with STRATEGY_UPDATE_API=1 to write it.");
        var expected = File.ReadAllText(BaselinePath);
        var added = actual.Split('\n').Except(expected.Split('\n')).ToList();
        var removed = expected.Split('\n').Except(actual.Split('\n')).ToList();
        Assert.That(added.Concat(removed), Is.Empty,
            () => $"The public API changed.\nAdded:\n  {string.Join("\n  ", added)}\nRemoved:\n  {string.Join("\n  ", removed)}");
    }

    [Test]
    public void The_description_sees_generated_and_hand_written_members()
    {
        var api = Describe(typeof(Http.StrategyClientBase).Assembly);

        Assert.That(api, Does.Contain("PublishAndWaitAsync(System.String dataModelId, Strategy.Generated.PublishRequest body")
            .And.Contain("class Strategy.Generated.DataModelsClient : Strategy.Generated.Http.StrategyClientBase")
            .And.Contain("System.Nullable<System.Int32> TotalCount { get; }"));
    }

    internal static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var bases = new[] { type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? b : null }
                .OfType<Type>().Concat(type.GetInterfaces().OrderBy(i => i.FullName, StringComparer.Ordinal)).Select(Name).ToList();
            text.Append(Kind(type)).Append(' ').Append(Name(type));
            text.Append(bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty).Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(IsVisible)
                .Select(Member)
                .OfType<string>()
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append("  ").Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName || m is ConstructorInfo { IsPublic: true } or ConstructorInfo { IsFamily: true },
        FieldInfo f => f.IsPublic || f.IsFamily,
        PropertyInfo p => p.GetMethod is { } g && (g.IsPublic || g.IsFamily) || p.SetMethod is { } s && (s.IsPublic || s.IsFamily),
        EventInfo e => e.AddMethod is { IsPublic: true },
        Type t => t.IsNestedPublic,
        _ => false,
    };

    private static string? Member(MemberInfo member) => member switch
    {
        ConstructorInfo c => $"{Access(c)}ctor({Parameters(c)})",
        MethodInfo m => $"{Access(m)}{(m.IsStatic ? "static " : m.IsAbstract ? "abstract " : m.IsVirtual && !m.IsFinal ? "virtual " : string.Empty)}{Name(m.ReturnType)} {m.Name}{(m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(Name)) + ">" : string.Empty)}({Parameters(m)})",
        PropertyInfo p => $"{Name(p.PropertyType)} {p.Name} {{ {(p.GetMethod is { IsPublic: true } or { IsFamily: true } ? "get; " : string.Empty)}{(p.SetMethod is { IsPublic: true } or { IsFamily: true } ? (p.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : string.Empty)}}}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{Name(f.FieldType)} {f.Name}{(f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty)}",
        EventInfo e => $"event {Name(e.EventHandlerType!)} {e.Name}",
        Type t => $"nested {Kind(t)} {t.Name}",
        _ => null,
    };

    private static string Access(MethodBase method) => method.IsFamily || method.IsFamilyOrAssembly ? "protected " : string.Empty;

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string Name(Type type)
    {
        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (type.IsByRef)
        {
            return "ref " + Name(type.GetElementType()!);
        }

        var name = (type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name).Split('`')[0];
        return type.IsGenericType ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>" : name;
    }
}
