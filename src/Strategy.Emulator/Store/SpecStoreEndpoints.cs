using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using NSwag;
using Strategy.Emulator.Api;
using Strategy.Emulator.Validation;

namespace Strategy.Emulator.Store;

/// <summary>
/// Serves every operation the spec marks <c>x-strategy-store: &lt;name&gt;</c> (or <c>{ name, filters }</c>)
/// from <see cref="SpecStore"/>, by its method and path: GET on the collection lists (filtered by the
/// query parameters <c>filters</c> maps to item fields, a page by <c>offset</c> and <c>limit</c>, wrapped
/// in the answer's one list field, with a <c>total</c> only where the schema has one), GET, PATCH and DELETE on
/// <c>…/{id}</c> read, change (an <c>operationList</c>, or the fields given) and remove one item (404
/// ERR004 when there is none), POST on the collection adds one (201). Bodies are checked against the
/// spec first (400 ERR006). A new operation of this kind needs a spec change and a seed file, no code.
/// </summary>
internal static class SpecStoreEndpoints
{
    public const string Extension = "x-strategy-store";

    public static void Map(WebApplication app, SpecValidator validator, SpecStore store)
    {
        foreach (var described in validator.Document.Operations)
        {
            if (described.Operation.ExtensionData?.ContainsKey(Extension) != true)
            {
                continue;
            }

            var (name, filters) = Read(described.Operation.OperationId, ExtensionOf(described.Operation));

            // Read now: a store without its seed stops the emulator at start, naming it, not at the first call.
            _ = store.Items(name);
            var operation = described.Operation;
            var path = described.Path;
            var method = described.Method.ToUpperInvariant();
            var item = path.EndsWith('}');
            var idParameter = item ? path[(path.LastIndexOf('{') + 1)..^1] : null;
            var (listField, hasTotal) = ListField(operation);
            app.MapMethods(path, [method], async (HttpContext context) => (method, item) switch
            {
                ("GET", false) => List(context, store, name, filters, listField, hasTotal),
                ("GET", true) => store.Find(name, Id(context, idParameter!)) is { } found ? Json(found, 200) : NotFound(name, Id(context, idParameter!)),
                ("DELETE", true) => store.Remove(name, Id(context, idParameter!)) ? Results.NoContent() : NotFound(name, Id(context, idParameter!)),
                ("POST", false) => await WriteAsync(context, validator, operation.OperationId, body => Json(store.Add(name, body), 201)),
                ("PATCH", true) => await WriteAsync(context, validator, operation.OperationId, body =>
                    store.Change(name, Id(context, idParameter!), current => Changed(current, body)) is { } changed ? Json(changed, 200) : NotFound(name, Id(context, idParameter!))),
                _ => throw new InvalidOperationException($"{operation.OperationId}: x-strategy-store serves GET, POST on a collection and GET, PATCH, DELETE on an item, not {method} {path}."),
            });
        }
    }

    private static JToken ExtensionOf(OpenApiOperation operation) => JToken.FromObject(operation.ExtensionData![Extension]!);

    /// <summary>The store's name and the query parameters that filter by an item field.</summary>
    private static (string Name, IReadOnlyDictionary<string, string> Filters) Read(string operationId, JToken declared) => declared switch
    {
        JValue { Type: JTokenType.String } name => ((string)name!, new Dictionary<string, string>()),
        JObject { } mapping when mapping.Value<string>("name") is { Length: > 0 } name => (name, (mapping["filters"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal) ?? []),
        _ => throw new InvalidOperationException($"{operationId}: {Extension} is a store's name, or {{ name, filters }}, not {declared}."),
    };

    /// <summary>The answer's one list field (<see langword="null"/> when the answer is the list itself), and whether it has a <c>total</c> field.</summary>
    private static (string? List, bool Total) ListField(OpenApiOperation operation)
    {
        var schema = operation.ActualResponses.FirstOrDefault(r => r.Key.StartsWith('2')).Value?.Content?.Values.FirstOrDefault()?.Schema?.ActualSchema;
        return (schema?.ActualProperties.FirstOrDefault(p => p.Value.ActualSchema.Type.HasFlag(NJsonSchema.JsonObjectType.Array)).Key, schema?.ActualProperties.ContainsKey("total") == true);
    }

    private static IResult List(HttpContext context, SpecStore store, string name, IReadOnlyDictionary<string, string> filters, string? listField, bool hasTotal)
    {
        var items = store.Items(name).AsEnumerable();
        foreach (var (parameter, field) in filters)
        {
            if (context.Request.Query[parameter].ToString() is { Length: > 0 } wanted)
            {
                var values = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                items = items.Where(i => values.Contains(i.Value<string>(field), StringComparer.OrdinalIgnoreCase));
            }
        }

        var all = items.ToList();
        var offset = int.TryParse(context.Request.Query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from : 0;
        var limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var most) ? most : int.MaxValue;
        var page = new JArray(all.Skip(offset).Take(limit));
        if (listField is null)
        {
            return Json(page, 200);
        }

        // Only the fields the answer's schema has: a total where it declares one.
        var answer = new JObject { [listField] = page };
        if (hasTotal)
        {
            answer["total"] = all.Count;
        }

        return Json(answer, 200);
    }

    private static async Task<IResult> WriteAsync(HttpContext context, SpecValidator validator, string operationId, Func<JObject, IResult> write)
    {
        var text = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        return validator.Validate(operationId, text) is { } problem ? EmulatorJson.Error(400, "ERR006", problem) : write(JObject.Parse(text));
    }

    /// <summary>An item changed by a PATCH: its <c>operationList</c> (replace, add or remove of a top-level field), or the fields given.</summary>
    private static JObject Changed(JObject current, JObject body)
    {
        if (body["operationList"] is JArray operations)
        {
            foreach (var operation in operations.OfType<JObject>())
            {
                var field = (operation.Value<string>("path") ?? string.Empty).TrimStart('/');
                if (operation.Value<string>("op") == "remove")
                {
                    current.Remove(field);
                }
                else
                {
                    current[field] = operation["value"]?.DeepClone();
                }
            }

            return current;
        }

        current.Merge(body, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        return current;
    }

    private static string Id(HttpContext context, string parameter) => (string)context.Request.RouteValues[parameter]!;

    private static IResult NotFound(string name, string id) => EmulatorJson.Error(404, "ERR004", $"There is no {name} item {id}.");

    private static IResult Json(JToken body, int status) => Results.Text(body.ToString(Newtonsoft.Json.Formatting.None), "application/json", System.Text.Encoding.UTF8, status);
}
