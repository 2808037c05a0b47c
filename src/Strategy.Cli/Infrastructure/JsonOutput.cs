using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Strategy.Generated;
using Strategy.Shared;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// What <c>--json</c> prints: every key camelCase (the server's names as sent; the client's own
/// records, such as a cube cache's last update, in the same case), and beside each status number the
/// same words the text output uses (<c>"state": 1, "stateText": "succeeded"</c>), so a script keeps the
/// number and a person reads the word.
/// </summary>
internal static class JsonOutput
{
    // Prints what was read as it was read: a field the server left out is not demanded on the way out.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings(StrategyJson.ReadingSettings)
    {
        NullValueHandling = NullValueHandling.Ignore,
    });

    /// <summary>The result as one line of JSON, for output that is a JSON object per line.</summary>
    public static string Line(object? result) => result is null ? "null" : JToken.Parse(Of(result)).ToString(Formatting.None);

    /// <summary>The result as indented JSON.</summary>
    public static string Of(object? result)
    {
        if (result is null)
        {
            return "null";
        }

        var token = JToken.FromObject(result, Serializer);
        AddWords(result, token);
        return CamelCase(token).ToString(Formatting.Indented);
    }

    private static void AddWords(object result, JToken token)
    {
        switch (result)
        {
            case SubscriptionStatus run when token is JObject json:
                json["stateText"] = StatusWords.Run(run);
                break;
            case PublishStatus publish when token is JObject json:
                json["statusText"] = StatusWords.Publish(publish);
                break;
            case System.Collections.IEnumerable items and not string when token is JArray array:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is not null && index < array.Count)
                    {
                        AddWords(item, array[index]);
                    }

                    index++;
                }

                break;
        }
    }

    /// <summary>Every key with a lowercase first letter; the server's keys already have one.</summary>
    private static JToken CamelCase(JToken token)
    {
        switch (token)
        {
            case JObject json:
                var camel = new JObject();
                foreach (var property in json.Properties())
                {
                    var name = property.Name.Length > 0 && char.IsUpper(property.Name[0]) ? char.ToLowerInvariant(property.Name[0]) + property.Name[1..] : property.Name;
                    camel[name] = CamelCase(property.Value);
                }

                return camel;
            case JArray array:
                return new JArray(array.Select(CamelCase));
            default:
                return token;
        }
    }
}
