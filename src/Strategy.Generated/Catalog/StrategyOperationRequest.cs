using System.Text;
using Newtonsoft.Json.Linq;
using Strategy.Generated.Http;

namespace Strategy.Generated;

/// <summary>
/// One call of any operation of the catalog, made from its parameters' values as text (a command
/// line's, a PowerShell cmdlet's): the request the generated client method would send, checked
/// against what the spec says of each parameter before anything is sent, and sent through the same
/// pipeline (session, retries, time limit, typed errors).
/// </summary>
/// <remarks>
/// The generated commands and cmdlets are this one request and the catalog, not a class per
/// operation. Code that knows the operation at compile time calls its typed client method instead.
/// </remarks>
public sealed class StrategyOperationRequest
{
    private readonly Dictionary<string, IReadOnlyList<string>> _arguments;

    /// <summary>
    /// Checks the values against <paramref name="operation"/>'s parameters and body fields and keeps
    /// them: each body field given (<see cref="StrategyOperation.BodyFields"/>, as text, checked and
    /// typed as a parameter's value is) is set on top of <paramref name="body"/>, or of an empty body.
    /// </summary>
    /// <param name="operation">The operation, from <see cref="StrategyOperations.All"/>.</param>
    /// <param name="arguments">The values by parameter name (the spec's); several for an array parameter. The project header comes from the client, not from here.</param>
    /// <param name="body">The request body as JSON, for an operation that takes one.</param>
    /// <param name="bodyFields">Values of the body's fields by field name, as text; several for a list field. A body made of them alone must have every required field.</param>
    /// <exception cref="StrategyOperationArgumentException">A parameter or body field is unknown, lacks a required value, or has a value the spec does not allow or not of its type; or the body is missing, not JSON (an object, when fields are set on it), or given to an operation that takes none. The message names the parameter or field as the spec does.</exception>
    public StrategyOperationRequest(StrategyOperation operation, IReadOnlyDictionary<string, IReadOnlyList<string>> arguments, string? body = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? bodyFields = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(arguments);
        Operation = operation;
        _arguments = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in arguments)
        {
            var parameter = operation.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
                ?? throw new StrategyOperationArgumentException(operation, name, $"{operation.OperationId} has no parameter '{name}'.");
            var given = (values ?? []).Where(v => v is not null).ToList();
            if (given.Count == 0)
            {
                continue;
            }

            if (given.Count > 1 && parameter.Type != "array")
            {
                throw new StrategyOperationArgumentException(operation, name, $"'{name}' takes one value; {given.Count} were given.");
            }

            foreach (var value in given)
            {
                Check(operation, parameter.Name, parameter.Type == "array" ? null : parameter.Type, parameter.AllowedValues, value);
            }

            _arguments[parameter.Name] = given;
        }

        if (operation.Parameters.FirstOrDefault(p => p.Required && !p.IsProjectHeader && !_arguments.ContainsKey(p.Name)) is { } missing)
        {
            throw new StrategyOperationArgumentException(operation, missing.Name, $"'{missing.Name}' is required by {operation.OperationId}.");
        }

        if (bodyFields?.Any(f => f.Value?.Any(v => v is not null) == true) == true)
        {
            body = WithFields(operation, body, bodyFields);
        }

        if (body is not null)
        {
            if (!operation.HasRequestBody)
            {
                throw new StrategyOperationArgumentException(operation, "body", $"{operation.OperationId} takes no body.");
            }

            try
            {
                Body = ParseAsWritten(body).ToString(Newtonsoft.Json.Formatting.None);
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                throw new StrategyOperationArgumentException(operation, "body", "The body is not JSON: " + ex.Message);
            }
        }
        else if (operation.HasRequestBody && operation.BodyRequired)
        {
            var fields = operation.BodyFields.Where(f => f.Required).Select(f => f.Name).ToList();
            throw new StrategyOperationArgumentException(operation, "body", $"{operation.OperationId} needs a body (JSON){(fields.Count == 0 ? string.Empty : ", or values for its fields " + string.Join(", ", fields))}.");
        }
    }

    /// <summary>The operation called.</summary>
    public StrategyOperation Operation { get; }

    /// <summary>The values by parameter name, as checked.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Arguments => _arguments;

    /// <summary>The body, as compact JSON; <see langword="null"/> when none is sent.</summary>
    public string? Body { get; }

    /// <summary>The address the request goes to, relative to the server's base address: the path with its parameters, then the query.</summary>
    public string RelativeUrl
    {
        get
        {
            var path = new StringBuilder(Operation.PathTemplate.TrimStart('/'));
            var query = new StringBuilder();
            foreach (var parameter in Operation.Parameters)
            {
                if (!_arguments.TryGetValue(parameter.Name, out var values))
                {
                    continue;
                }

                if (parameter.Location == "path")
                {
                    path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(values[0]));
                }
                else if (parameter.Location == "query")
                {
                    // An array is sent as the generated clients send it: the name repeated (form, explode).
                    foreach (var value in values)
                    {
                        query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(parameter.Name)).Append('=').Append(Uri.EscapeDataString(value));
                    }
                }
            }

            return path.Append(query).ToString();
        }
    }

    /// <summary>The request message, as the generated client method would make it; <paramref name="projectId"/> goes in the project header where the operation uses one.</summary>
    /// <param name="projectId">The project, for an operation that takes the project header.</param>
    public HttpRequestMessage CreateMessage(string? projectId)
    {
        HttpRequestMessage request = new StrategyRequestMessage { Method = new HttpMethod(Operation.Method), RequestUri = new Uri(RelativeUrl, UriKind.Relative) };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        if (!string.IsNullOrEmpty(projectId))
        {
            request.Headers.TryAddWithoutValidation(StrategyHeaders.ProjectId, projectId);
        }

        foreach (var parameter in Operation.Parameters.Where(p => p.Location == "header" && !p.IsProjectHeader))
        {
            if (_arguments.TryGetValue(parameter.Name, out var values))
            {
                request.Headers.TryAddWithoutValidation(parameter.Name, values[0]);
            }
        }

        if (Body is not null)
        {
            request.Content = new StringContent(Body, Encoding.UTF8, "application/json");
        }

        StrategyRequestOptions.SetOperation(request, Operation.OperationId, Operation.PathTemplate.TrimStart('/'), Operation.Since);

        // The project header comes off where the operation wants none, as for a generated method.
        ProjectHeaderPolicy.Apply(request, Operation.OperationId);
        return request;
    }

    /// <summary>
    /// Sends the request through <paramref name="client"/> (a connection's, so the session, retries
    /// and time limits apply) and answers what the server answered. An error answer throws, typed
    /// as a generated method's would be, except one the spec declares to carry the operation's result
    /// (<see cref="StrategyOperation.ErrorStatusesWithResult"/>): it is answered, its status saying it failed.
    /// </summary>
    /// <param name="client">The HTTP client, from <see cref="StrategyConnection"/> or dependency injection.</param>
    /// <param name="projectId">The project, for an operation that takes the project header.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status and the body.</returns>
    /// <exception cref="StrategyApiException">The server answered an error.</exception>
    public async Task<StrategyOperationAnswer> SendAsync(HttpClient client, string? projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = CreateMessage(projectId);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode && !Operation.ErrorStatusesWithResult.Contains((int)response.StatusCode))
        {
            throw await StrategyApiException.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var text = response.Content is null ? null : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JToken? json = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                json = ParseAsWritten(text!);
            }
            catch (Newtonsoft.Json.JsonException ex)
            {
                throw StrategyApiException.Unreadable(response, typeof(JToken), text!, ex);
            }
        }

        var headers = response.Headers.Concat(response.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(h => h.Value).ToList(), StringComparer.OrdinalIgnoreCase);
        return new StrategyOperationAnswer((int)response.StatusCode, json, headers);
    }

    /// <summary>
    /// Reads every page of a list the spec declares as pages (<see cref="StrategyOperation.Pages"/>) and
    /// answers its items in order, from this request's offset (or the first item). The request's own
    /// limit, when given, is how many items to read in all. Reading ends at the first page that comes
    /// back empty or short, at the total the server gave, or at that limit, so items that disappear
    /// between pages (caches that expire) shorten the list and never make it loop. An item keyed by its
    /// id (<see cref="StrategyOperationPages.KeyedBy"/>) is answered flat, its key as that field.
    /// </summary>
    /// <param name="client">The HTTP client, from <see cref="StrategyConnection"/> or dependency injection.</param>
    /// <param name="projectId">The project, for an operation that takes the project header.</param>
    /// <param name="pageSize">How many items to ask for in one call.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The items, a page read only when the one before it has been taken.</returns>
    /// <exception cref="InvalidOperationException">The operation is not declared as pages.</exception>
    /// <exception cref="StrategyApiException">The server answered an error to a page.</exception>
    public async IAsyncEnumerable<JToken> ReadPagesAsync(HttpClient client, string? projectId, int pageSize = 1000, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var pages = Operation.Pages ?? throw new InvalidOperationException($"{Operation.OperationId} is not declared as pages (x-strategy-pages).");
        long offset = _arguments.TryGetValue(pages.Offset, out var from) ? long.Parse(from[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        // A negative limit (the spec's -1) asks for every item, as it does of one page.
        long? wanted = _arguments.TryGetValue(pages.Limit, out var all) && long.Parse(all[0], System.Globalization.CultureInfo.InvariantCulture) is >= 0 and var given ? given : null;
        long read = 0;
        while (wanted is not { } most || read < most)
        {
            var size = wanted is { } limit ? (int)Math.Min(pageSize, limit - read) : pageSize;
            var page = new StrategyOperationRequest(Operation, WithPage(pages, offset, size), Body);
            var answer = await page.SendAsync(client, projectId, cancellationToken).ConfigureAwait(false);
            var items = (answer.Json as JObject)?[pages.Items] as JArray ?? answer.Json as JArray ?? [];
            foreach (var item in items)
            {
                if (wanted is { } enough && read >= enough)
                {
                    // A server that answers more than was asked for: the limit is the caller's.
                    yield break;
                }

                read++;
                yield return pages.KeyedBy is { } key && item is JObject { Count: 1 } keyed && keyed.Properties().Single() is { Value: JObject inner } entry
                    ? Flat(key, entry.Name, inner)
                    : item;
            }

            offset += items.Count;
            if (items.Count < size || (TotalOf(answer, pages) is { } total && offset >= total))
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// JSON read as written: a date stays the text the server (or the user) wrote, with its zone, instead
    /// of a local time reformatted on its way to a terminal or back to the server.
    /// </summary>
    private static JToken ParseAsWritten(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        var token = JToken.ReadFrom(reader);

        // One value only, as JToken.Parse would insist.
        return reader.Read() ? throw new Newtonsoft.Json.JsonReaderException("Additional text found in the JSON after its value.") : token;
    }

    /// <summary>A one-key item read flat: its key as <paramref name="field"/>, then the fields it holds.</summary>
    private static JObject Flat(string field, string key, JObject inner)
    {
        var flat = new JObject { [field] = key };
        foreach (var property in inner.Properties().Where(p => p.Name != field))
        {
            flat[property.Name] = property.Value;
        }

        return flat;
    }

    private Dictionary<string, IReadOnlyList<string>> WithPage(StrategyOperationPages pages, long offset, int size) =>
        new(_arguments, StringComparer.Ordinal)
        {
            [pages.Offset] = [offset.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            [pages.Limit] = [size.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        };

    private static long? TotalOf(StrategyOperationAnswer answer, StrategyOperationPages pages)
    {
        var text = pages.Total is { } field ? (answer.Json as JObject)?[field]?.ToString()
            : pages.TotalHeader is { } header && answer.Headers.TryGetValue(header, out var values) && values.Count > 0 ? values[0]
            : null;
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var total) ? total : null;
    }

    /// <summary>The request as text, for a dry run: the method, the address and the body; a secret in the body is masked.</summary>
    public override string ToString()
    {
        var text = Operation.Method + " " + RelativeUrl;
        return Body is null ? text : text + Environment.NewLine + StrategyOperationSecrets.Mask(Body);
    }

    /// <summary>
    /// Whether a JSON body holds a secret (a property named as a password, a secret, a token or an API key,
    /// at any depth): a command line refuses such a body inline, where the shell's history and the
    /// process list would keep it.
    /// </summary>
    /// <param name="json">The body.</param>
    /// <returns><see langword="true"/> when it holds one; <see langword="false"/> also for text that is not JSON.</returns>
    public static bool CarriesSecret(string json)
    {
        try
        {
            return (JToken.Parse(json) is JContainer container ? container.DescendantsAndSelf() : []).OfType<JProperty>().Any(p => IsSecret(p.Name));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>Whether a body property of this name holds a secret: a password, a secret, a token or an API key.</summary>
    /// <param name="propertyName">The property's name, at any depth of the body.</param>
    public static bool IsSecret(string propertyName) => StrategyOperationSecrets.IsSecret(propertyName);

    /// <summary>
    /// <paramref name="body"/> (or an empty body) with the fields given set on top, each checked and
    /// typed as the spec says; a body made of fields alone must have every required one.
    /// </summary>
    private static string WithFields(StrategyOperation operation, string? body, IReadOnlyDictionary<string, IReadOnlyList<string>> fields)
    {
        if (!operation.HasRequestBody)
        {
            throw new StrategyOperationArgumentException(operation, "body", $"{operation.OperationId} takes no body.");
        }

        JObject json;
        try
        {
            json = body is null ? [] : ParseAsWritten(body) as JObject
                ?? throw new StrategyOperationArgumentException(operation, "body", "The body must be a JSON object when fields are set on it.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new StrategyOperationArgumentException(operation, "body", "The body is not JSON: " + ex.Message);
        }

        foreach (var (name, values) in fields)
        {
            var field = operation.BodyFields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal))
                ?? throw new StrategyOperationArgumentException(operation, name, $"{operation.OperationId}'s body has no field '{name}' that takes a value of its own.");
            var given = (values ?? []).Where(v => v is not null).ToList();
            if (given.Count == 0)
            {
                continue;
            }

            if (given.Count > 1 && !field.IsArray)
            {
                throw new StrategyOperationArgumentException(operation, name, $"'{name}' takes one value; {given.Count} were given.");
            }

            var typed = given.Select(value => Typed(operation, field, value)).ToList();
            json[field.Name] = field.IsArray ? new JArray(typed) : typed[0];
        }

        // A body given whole is the caller's to complete (the server says what it lacks); one made of fields must be whole.
        if (body is null && operation.BodyFields.FirstOrDefault(f => f.Required && json[f.Name] is null) is { } missing)
        {
            throw new StrategyOperationArgumentException(operation, missing.Name, $"'{missing.Name}' is required in the body of {operation.OperationId}.");
        }

        return json.ToString(Newtonsoft.Json.Formatting.None);
    }

    /// <summary>A body field's value, checked, as its JSON type.</summary>
    private static JValue Typed(StrategyOperation operation, StrategyOperationBodyField field, string value)
    {
        Check(operation, field.Name, field.Type, field.AllowedValues, value);
        return field.Type switch
        {
            "integer" => new JValue(long.Parse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture)),
            "number" => decimal.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var exact)
                ? new JValue(exact)
                : new JValue(double.Parse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture)),
            "boolean" => new JValue(value == "true"),
            _ => new JValue(value),
        };
    }

    private static void Check(StrategyOperation operation, string name, string? type, IReadOnlyList<string> allowedValues, string value)
    {
        if (allowedValues.Count > 0 && !allowedValues.Contains(value, StringComparer.Ordinal))
        {
            throw new StrategyOperationArgumentException(operation, name, $"'{ServerText.Clean(value, 60)}' is not a value of '{name}': one of {string.Join(", ", allowedValues)}.");
        }

        var fits = type switch
        {
            "integer" => long.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
            "number" => double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
            "boolean" => value is "true" or "false",
            _ => true,
        };
        if (!fits)
        {
            throw new StrategyOperationArgumentException(operation, name, $"'{ServerText.Clean(value, 60)}' is not a{(type == "integer" ? "n" : string.Empty)} {type}, as '{name}' must be{(type == "boolean" ? " (true or false)" : string.Empty)}.");
        }
    }
}
