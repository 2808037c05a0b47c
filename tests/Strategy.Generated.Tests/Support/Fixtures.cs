using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Strategy.Generated.Tests.Support;

/// <summary>
/// Sample bodies: the workflow documents' under Fixtures/Seeds, and bodies the documents do not
/// show (objects other clients leave on a server) under Fixtures/Foreign, both named
/// {OperationId}.{request|status|variant}[.variant].json.
/// </summary>
internal static class Fixtures
{
    public static string SeedDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Seeds");

    public static string SpecPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "spec", "strategy.openapi.yaml");

    public static string Text(string name) => File.ReadAllText(Path.Combine(SeedDirectory, name));

    public static JToken Json(string name) => JToken.Parse(Text(name));

    public static T Model<T>(string name) => JsonConvert.DeserializeObject<T>(Text(name), StrategyJson.Settings)!;

    public static string ForeignText(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Foreign", name));

    public static IEnumerable<string> AllForeignFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Foreign"), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>The generated model a fixture's operation sends (<c>request</c>) or answers, read off the generated client method.</summary>
    public static Type ModelTypeFor(string file)
    {
        var (operationId, part) = Parse(file);
        var method = typeof(Http.StrategyClientBase).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Http.StrategyClientBase)))
            .SelectMany(t => t.GetMethods())
            .First(m => m.Name == operationId + "Async");
        if (part == "request")
        {
            return method.GetParameters().Single(p => p.Name == "body").ParameterType;
        }

        var result = method.ReturnType.GetGenericArguments().Single();
        return result.IsGenericType && result.GetGenericTypeDefinition() != typeof(IList<>) ? result.GetGenericArguments().Single() : result;
    }

    /// <summary>The operation and the part (<c>request</c> or the status) a fixture's name gives.</summary>
    public static (string OperationId, string Part) Parse(string file)
    {
        var parts = file.Split('.');
        return (parts[0], parts[^2] == "request" || parts[1] == "request" ? "request" : parts[1]);
    }

    public static IEnumerable<string> AllSeedFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Seeds"), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
}
