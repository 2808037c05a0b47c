using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Strategy.Emulator.Validation;

/// <summary>Validates request bodies against the schemas of the spec embedded in this assembly.</summary>
internal sealed class SpecValidator
{
    private readonly Dictionary<string, JsonSchema> _requestSchemas;

    private SpecValidator(Dictionary<string, JsonSchema> requestSchemas, OpenApiDocument document)
    {
        _requestSchemas = requestSchemas;
        Document = document;
    }

    /// <summary>The spec the emulator serves, as read at start (the store serves what it declares).</summary>
    public OpenApiDocument Document { get; }

    /// <summary>Reads the spec built into the emulator, or <paramref name="yaml"/> instead.</summary>
    public static async Task<SpecValidator> LoadAsync(string? yaml = null)
    {
        if (yaml is null)
        {
            await using var stream = typeof(SpecValidator).Assembly.GetManifestResourceStream("strategy.openapi.yaml")
                ?? throw new InvalidOperationException("The spec is not embedded in the emulator assembly.");
            using var reader = new StreamReader(stream);
            yaml = await reader.ReadToEndAsync();
        }

        var document = await OpenApiYamlDocument.FromYamlAsync(yaml);
        var schemas = document.Operations
            .Where(o => o.Operation.RequestBody?.Content.ContainsKey("application/json") == true)
            .ToDictionary(o => o.Operation.OperationId, o => o.Operation.RequestBody.Content["application/json"].Schema.ActualSchema, StringComparer.Ordinal);
        return new SpecValidator(schemas, document);
    }

    /// <summary>What is wrong with the body, naming the field; <see langword="null"/> when it is valid.</summary>
    public string? Validate(string operationId, string body)
    {
        if (!_requestSchemas.TryGetValue(operationId, out var schema))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return "The request body is empty.";
        }

        ICollection<ValidationError> errors;
        try
        {
            errors = schema.Validate(body, SchemaType.OpenApi3);
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            return $"The request body is not valid JSON: {ex.Message}";
        }

        var first = Flatten(errors).FirstOrDefault();
        return first is null ? null : $"Invalid value at '{Describe(first)}': {first.Kind}.";
    }

    private static string Describe(ValidationError error) =>
        string.IsNullOrEmpty(error.Path) ? "#" : error.Path.TrimStart('#', '/').Replace('/', '.') is { Length: > 0 } path ? path : "#";

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(e => e is ChildSchemaValidationError child ? child.Errors.Values.SelectMany(Flatten) : [e]);
}
