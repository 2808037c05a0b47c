using Newtonsoft.Json.Linq;

namespace Strategy.Generated;

/// <summary>Which properties of a request body hold secrets, and a body's text with their values masked.</summary>
internal static class StrategyOperationSecrets
{
    /// <summary>The mask shown in place of a secret.</summary>
    public const string Masked = "***";

    /// <summary>Whether a body property holds a secret, by its name: a password, a secret, a token or a key.</summary>
    public static bool IsSecret(string propertyName) =>
        propertyName.Contains("password", StringComparison.OrdinalIgnoreCase)
        || propertyName.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || propertyName.Contains("token", StringComparison.OrdinalIgnoreCase)
        || propertyName.EndsWith("key", StringComparison.OrdinalIgnoreCase) && propertyName.Contains("api", StringComparison.OrdinalIgnoreCase);

    /// <summary>The JSON text with every secret's value, at any depth, replaced by <see cref="Masked"/>.</summary>
    public static string Mask(string json)
    {
        var token = JToken.Parse(json);
        foreach (var property in (token is JContainer container ? container.DescendantsAndSelf() : []).OfType<JProperty>().Where(p => IsSecret(p.Name)).ToList())
        {
            property.Value = Masked;
        }

        return token.ToString(Newtonsoft.Json.Formatting.Indented);
    }
}
