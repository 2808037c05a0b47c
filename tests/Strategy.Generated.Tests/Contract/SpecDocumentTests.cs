using System.Text;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Strategy.Generated.Tests.Support;
using YamlDotNet.Serialization;

namespace Strategy.Generated.Tests.Contract;

/// <summary>The spec is valid OpenAPI 3.0 and covers what the workflows need.</summary>
public sealed class SpecDocumentTests
{
    private static readonly (string Method, string Path)[] RequiredOperations =
    [
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/logout"),
        ("GET", "/api/sessions"),
        ("PUT", "/api/sessions"),
        ("POST", "/api/model/schema/reload"),
        ("GET", "/api/model/tasks/{taskId}"),
        ("POST", "/api/dataModels/{dataModelId}/instances"),
        ("DELETE", "/api/dataModels/{dataModelId}/instances/{instanceId}"),
        ("GET", "/api/model/dataModels/{dataModelId}/tables"),
        ("POST", "/api/dataModels/{dataModelId}/publish"),
        ("GET", "/api/dataModels/{dataModelId}/publishStatus"),
        ("GET", "/api/subscriptions"),
        ("POST", "/api/subscriptions"),
        ("GET", "/api/subscriptions/{subscriptionId}"),
        ("PUT", "/api/subscriptions/{subscriptionId}"),
        ("DELETE", "/api/subscriptions/{subscriptionId}"),
        ("GET", "/api/schedules"),
    ];

    private OpenApiDocument _document = null!;

    [OneTimeSetUp]
    public async Task ReadSpec()
    {
        // Microsoft.OpenApi's own YAML reader needs a SharpYaml version the package source lacks,
        // so the YAML is turned into JSON first (plain scalars typed as YAML 1.2 core types).
        var yaml = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build()
            .Deserialize(new StringReader(await File.ReadAllTextAsync(Fixtures.SpecPath)));
        var json = new SerializerBuilder().JsonCompatible().Build().Serialize(yaml!);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var result = await OpenApiDocument.LoadAsync(stream, "json", new OpenApiReaderSettings());

        Assert.That(result.Diagnostic!.Errors, Is.Empty, () => string.Join("\n", result.Diagnostic.Errors));
        Assert.That(result.Diagnostic.SpecificationVersion, Is.EqualTo(OpenApiSpecVersion.OpenApi3_0));
        _document = result.Document!;
    }

    private IEnumerable<(string Path, string Method, OpenApiOperation Operation)> Operations =>
        _document.Paths.SelectMany(p => p.Value.Operations!.Select(o => (p.Key, o.Key.Method, o.Value)));

    private OpenApiOperation Operation(string operationId) => Operations.Single(o => o.Operation.OperationId == operationId).Operation;

    [Test]
    public void Spec_passes_the_OpenAPI_validation_rules()
    {
        var errors = _document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.ToList();

        Assert.That(errors, Is.Empty, () => string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
    }

    [TestCaseSource(nameof(RequiredOperations))]
    public void Spec_covers_operation((string Method, string Path) required)
    {
        Assert.That(Operations.Any(o => o.Path == required.Path && o.Method == required.Method), Is.True,
            $"{required.Method} {required.Path} is missing from the spec");
    }

    [Test]
    public void Every_operation_has_a_unique_operation_id_and_one_tag()
    {
        var ids = Operations.Select(o => o.Operation.OperationId).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.None.Null.And.None.Empty);
            Assert.That(ids, Is.Unique);
            Assert.That(Operations.Select(o => o.Operation.Tags!.Count), Has.All.EqualTo(1));
        });
    }

    [Test]
    public void Every_operation_documents_the_error_answers_with_the_error_schema()
    {
        foreach (var (path, method, operation) in Operations)
        {
            var errors = operation.Responses!.Where(r => r.Key[0] is '4' or '5').ToList();
            // An operation that needs no session (security: []) cannot answer 401 for want of one.
            var needsSession = operation.Security is not { Count: 0 };
            Assert.That(errors.Select(r => r.Key), needsSession ? Does.Contain("401").And.Contain("500") : Does.Contain("500"), $"{method} {path}");
            // Or the operation's own result, for an error that still says what became of each item (a bulk call's 403).
            var results = operation.Responses!.Where(r => r.Key[0] == '2' && r.Value.Content is not null)
                .Select(r => (r.Value.Content!.TryGetValue("application/json", out var json) ? json.Schema as OpenApiSchemaReference : null)?.Reference.Id)
                .OfType<string>()
                .ToList();
            foreach (var (status, response) in errors)
            {
                var schema = response.Content!["application/json"].Schema as OpenApiSchemaReference;
                Assert.That(schema?.Reference.Id, Is.AnyOf(["ErrorResponse", .. results]), $"{method} {path} {status}");
            }
        }
    }

    [Test]
    public void The_token_is_a_security_scheme_not_a_parameter()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_document.Components!.SecuritySchemes!["authToken"].Name, Is.EqualTo("X-MSTR-AuthToken"));
            Assert.That(_document.Security, Has.Count.EqualTo(1));
            Assert.That(Operations.SelectMany(o => o.Operation.Parameters ?? []).Select(p => p.Name), Has.None.EqualTo("X-MSTR-AuthToken"));
            Assert.That(Operation("Login").Security, Is.Empty, "login needs no token");
        });
    }

    [TestCase("Login", "204", "X-MSTR-AuthToken")]
    [TestCase("CreateDataModelInstance", "204", "X-MSTR-DataModelInstanceId")]
    [TestCase("ListSubscriptions", "200", "x-mstr-total-count")]
    public void Data_carrying_response_headers_are_declared(string operationId, string status, string header)
    {
        Assert.That(Operation(operationId).Responses![status].Headers!.Keys, Does.Contain(header));
    }

    [TestCase("ReloadSchema")]
    [TestCase("GetTask")]
    [TestCase("CreateDataModelInstance")]
    [TestCase("ListDataModelTables")]
    [TestCase("PublishDataModel")]
    [TestCase("GetPublishStatus")]
    [TestCase("ListSubscriptions")]
    [TestCase("CreateSubscription")]
    [TestCase("UpdateSubscription")]
    public void Project_scoped_operations_require_the_project_header(string operationId)
    {
        var header = Operation(operationId).Parameters!.Single(p => p.Name == "X-MSTR-ProjectID");

        Assert.Multiple(() =>
        {
            Assert.That(header.In, Is.EqualTo(ParameterLocation.Header));
            Assert.That(header.Required, Is.True);
        });
    }

    [TestCase("RefreshPolicy", "replace", "add", "update", "upsert")]
    [TestCase("SchemaUpdateType", "table_key", "entry_level", "logical_size")]
    [TestCase("ModelTaskStatus", "running", "completed", "failed")]
    [TestCase("ContentType", "data_model")]
    [TestCase("DeliveryMode", "HISTORY_LIST")]
    [TestCase("ScheduleType", "time_based", "event_based")]
    public void Closed_vocabularies_are_enums(string schema, params string[] values)
    {
        var names = _document.Components!.Schemas![schema].Enum!.Select(e => e!.GetValue<string>());

        Assert.That(names, Is.SupersetOf(values));
    }

    [Test]
    public void Reload_answers_a_task_when_asynchronous_and_nothing_when_synchronous()
    {
        var reload = Operation("ReloadSchema");

        Assert.Multiple(() =>
        {
            Assert.That(reload.Responses!.Keys, Does.Contain("202").And.Contain("201"));
            var synchronous = reload.Responses["201"].Content!["application/json"].Schema!;
            Assert.That((synchronous.AllOf!.Single() as OpenApiSchemaReference)?.Reference.Id, Is.EqualTo("ModelTask"));
            Assert.That(reload.Parameters!.Single(p => p.Name == "Prefer").In, Is.EqualTo(ParameterLocation.Header));
        });
    }
}
