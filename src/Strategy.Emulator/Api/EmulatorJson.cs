using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>Reads and writes JSON the way the real server does (dates as <c>2025-07-29T05:48:30+0000</c>).</summary>
internal static class EmulatorJson
{
    public static readonly JsonSerializerSettings Settings = CreateSettings();

    public static IResult Ok(object body, int status = StatusCodes.Status200OK) => new JsonResult(body, status);

    public static IResult Error(int status, string code, string message) =>
        new JsonResult(new ErrorResponse { Code = code, Message = message, TicketId = Guid.NewGuid().ToString("N") }, status);

    public static T? Read<T>(string body) => JsonConvert.DeserializeObject<T>(body, Settings);

    /// <summary>An enum value as it goes on the wire (<c>waiting_on_governor</c>).</summary>
    public static string WireName(Enum value) => StrategyEnums.ToWireName(value);

    /// <summary>The object with only the named top-level fields (the <c>fields</c> query parameter); all of it when none are named.</summary>
    public static object OnlyFields(object body, string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return body;
        }

        var wanted = fields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var json = Newtonsoft.Json.Linq.JObject.FromObject(body, JsonSerializer.Create(Settings));
        foreach (var property in json.Properties().Where(p => !wanted.Contains(p.Name)).ToList())
        {
            property.Remove();
        }

        return json;
    }

    private static JsonSerializerSettings CreateSettings()
    {
        // Lenient both ways, like a server that stores what other clients sent: requests are
        // checked against the spec by SpecValidator, not by the serializer.
        var settings = StrategyJson.Configure(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });
        settings.ContractResolver = StrategyJson.ReadingSettings.ContractResolver;
        settings.Converters.Add(new ServerDateConverter());
        return settings;
    }

    private sealed class JsonResult(object body, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            await httpContext.Response.WriteAsync(JsonConvert.SerializeObject(body, Settings), Encoding.UTF8);
        }
    }

    /// <summary>Writes offsets without a colon, as the server does; reads either form.</summary>
    private sealed class ServerDateConverter : JsonConverter
    {
        public override bool CanConvert(Type objectType) => objectType == typeof(DateTimeOffset) || objectType == typeof(DateTimeOffset?);

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is DateTimeOffset date)
            {
                writer.WriteValue(date.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000");
            }
            else
            {
                writer.WriteNull();
            }
        }

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
            reader.Value is string text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
    }
}
