using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Serialization;

namespace Strategy.Generated.Tests.Support;

/// <summary>The seed sample bodies, kept under Fixtures/Seeds as {OperationId}.{request|status}[.variant].json.</summary>
internal static class Fixtures
{
    public static string SeedDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Seeds");

    public static string SpecPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "spec", "strategy.openapi.yaml");

    public static string Text(string name) => File.ReadAllText(Path.Combine(SeedDirectory, name));

    public static JToken Json(string name) => JToken.Parse(Text(name));

    public static T Model<T>(string name) => JsonConvert.DeserializeObject<T>(Text(name), StrategyJson.Settings)!;

    public static IEnumerable<string> AllSeedFiles() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Seeds"), "*.json")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);
}
