using Newtonsoft.Json.Linq;

namespace Strategy.Tests.Shared;

/// <summary>
/// The answers Strategy's own documentation shows (the REST API docs and the REST API Playground's
/// sample responses), kept verbatim under <c>tests/Shared/DocumentedSamples</c> as
/// <c>{OperationId}.{status}[.variant].json</c> (<c>_Error.{status}.json</c> for an error answer of any
/// operation), each with its source in <c>SOURCES.tsv</c>. They are an outside contract: the spec,
/// the client and the emulator are checked against them, and none of the three wrote them.
/// </summary>
internal static class DocumentedSamples
{
    /// <summary>The prefix of an error answer any operation can give.</summary>
    public const string ErrorPrefix = "_Error";

    /// <summary>Where the samples are copied next to the tests.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "DocumentedSamples");

    /// <summary>Every sample file, by name.</summary>
    public static IReadOnlyList<string> Files { get; } =
        System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();

    /// <summary>Each sample's source, from <c>SOURCES.tsv</c> (file, source, what it is).</summary>
    public static IReadOnlyDictionary<string, string> Sources { get; } =
        File.ReadLines(Path.Combine(Directory, "SOURCES.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    /// <summary>The operation a sample answers (<c>_Error</c> for an error of any operation).</summary>
    public static string OperationOf(string file) => file.Split('.')[0];

    /// <summary>The HTTP status a sample was answered with.</summary>
    public static int StatusOf(string file) => int.Parse(file.Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A sample's JSON.</summary>
    public static JToken Json(string file) => JToken.Parse(Text(file));

    /// <summary>A sample's text.</summary>
    public static string Text(string file) => File.ReadAllText(Path.Combine(Directory, file));

    /// <summary>
    /// Fields the emulator answers that no documented sample of the operation shows, each with the other
    /// evidence it rests on (a docs page of a neighbouring call, the official client's code), from
    /// <c>UNDOCUMENTED.tsv</c>: operation, JSON path, evidence.
    /// </summary>
    public static IReadOnlyList<(string Operation, string Path, string Evidence)> Undocumented { get; } =
        File.ReadLines(Path.Combine(Directory, "UNDOCUMENTED.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Select(parts => (parts[0], parts[1], parts[2]))
            .ToList();

    /// <summary>
    /// What the generated client reads a sample into: the operation's answer model; for an operation
    /// that answers a file, the JSON form of it (<c>ExportedFile</c>); for an error, <c>ErrorResponse</c>.
    /// </summary>
    public static Type ModelTypeFor(string file)
    {
        var operationId = OperationOf(file);
        if (operationId == ErrorPrefix)
        {
            return typeof(Strategy.Generated.ErrorResponse);
        }

        var operation = Strategy.Generated.StrategyOperations.All.Single(o => o.OperationId == operationId);
        var result = operation.ClientType.GetMethods().First(m => m.Name == operation.MethodName).ReturnType.GetGenericArguments().Single();
        if (result.IsGenericType && result.GetGenericTypeDefinition() == typeof(Strategy.Generated.StrategyResponse<>))
        {
            result = result.GetGenericArguments().Single();
        }

        return result == typeof(Strategy.Generated.FileResponse) ? typeof(Strategy.Generated.ExportedFile) : result;
    }

    /// <summary>The operations that have a documented sample answer.</summary>
    public static IEnumerable<string> Operations => Files.Select(OperationOf).Where(o => o != ErrorPrefix).Distinct(StringComparer.Ordinal);
}
