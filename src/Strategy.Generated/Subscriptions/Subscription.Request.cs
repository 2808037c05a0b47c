using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Strategy.Generated;

/// <summary>A stored subscription, as read from the server.</summary>
public partial class Subscription
{
    private static readonly Lazy<string[]> ServerMaintained = new(() =>
    {
        var resolver = StrategyJson.ReadingSettings.ContractResolver!;
        var sent = ((JsonObjectContract)resolver.ResolveContract(typeof(SubscriptionRequest))).Properties.Select(p => p.PropertyName!);
        return ((JsonObjectContract)resolver.ResolveContract(typeof(Subscription))).Properties
            .Select(p => p.PropertyName!)
            .Except(sent)
            .ToArray();
    });

    /// <summary>
    /// The request that replaces this subscription with itself, to modify and send with
    /// <c>UpdateSubscriptionAsync</c> (a full replace). Everything read is carried over, including
    /// properties and enum values this client does not know, written back as the server sent them;
    /// only the fields the server maintains (id, dates, next delivery, editable …: those the spec
    /// declares on <see cref="Subscription"/> but not on <see cref="SubscriptionRequest"/>) are left out.
    /// </summary>
    /// <returns>A deep copy as a request; changing it does not change this subscription.</returns>
    public SubscriptionRequest ToRequest()
    {
        var serializer = JsonSerializer.Create(StrategyJson.ReadingSettings);
        var json = JObject.FromObject(this, serializer);
        foreach (var name in ServerMaintained.Value)
        {
            json.Remove(name);
        }

        return json.ToObject<SubscriptionRequest>(serializer)!;
    }
}
