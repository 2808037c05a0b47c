using System.Collections;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;
using Strategy.Generated.Tests.Support;

namespace Strategy.Generated.Tests.Contract;

/// <summary>
/// Every JSON body in the workflow documents, request and response, validates against the
/// schema of its operation, and every field in it is a declared property of the generated model.
/// Fixtures are named {OperationId}.{request|status}[.variant].json.
/// </summary>
public sealed class SeedBodyContractTests
{
    private static OpenApiDocument? _document;

    private static async Task<OpenApiDocument> DocumentAsync() =>
        _document ??= await OpenApiYamlDocument.FromFileAsync(Fixtures.SpecPath);

    public static IEnumerable<TestCaseData> SeedBodies() =>
        Fixtures.AllSeedFiles().Select(file => new TestCaseData(file).SetArgDisplayNames(file));

    [Test]
    public void There_is_a_fixture_for_every_body_in_the_workflow_documents()
    {
        Assert.That(Fixtures.AllSeedFiles().Count(), Is.EqualTo(14));
    }

    [TestCaseSource(nameof(SeedBodies))]
    public async Task Seed_body_validates_against_the_schema_of_its_operation(string file)
    {
        var schema = await SchemaForAsync(file);

        var errors = schema.Validate(Fixtures.Text(file), SchemaType.OpenApi3);

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [TestCaseSource(nameof(SeedBodies))]
    public void Seed_body_has_no_field_the_generated_model_lacks(string file)
    {
        var model = JsonConvert.DeserializeObject(Fixtures.Text(file), Fixtures.ModelTypeFor(file), StrategyJson.Settings)!;

        Assert.That(UndeclaredFields.Of(model), Is.Empty);
    }

    [Test]
    public async Task A_body_that_breaks_the_schema_is_rejected()
    {
        var schema = await SchemaForAsync("CreateSubscription.request.json");
        var body = Fixtures.Json("CreateSubscription.request.json");
        body["contents"]![0]!["refreshCondition"]!["tables"]![0]!["refreshPolicy"] = "sometimes";
        ((JObject)body).Remove("delivery");

        var errors = schema.Validate(body.ToString(), SchemaType.OpenApi3);

        Assert.That(Flatten(errors).Select(e => e.Kind), Does.Contain(ValidationErrorKind.NotInEnumeration).And.Contain(ValidationErrorKind.PropertyRequired));
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child
            ? child.Errors.Values.SelectMany(Flatten).Prepend(e)
            : [e]);

    private static async Task<JsonSchema> SchemaForAsync(string file)
    {
        var (operationId, part) = Fixtures.Parse(file);
        var operation = (await DocumentAsync()).Operations.Single(o => o.Operation.OperationId == operationId).Operation;
        return part == "request"
            ? operation.RequestBody.Content["application/json"].Schema.ActualSchema
            : operation.Responses[part].Content["application/json"].Schema.ActualSchema;
    }
}
