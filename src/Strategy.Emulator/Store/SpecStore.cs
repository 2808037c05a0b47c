using Newtonsoft.Json.Linq;

namespace Strategy.Emulator.Store;

/// <summary>
/// The resources the spec declares plainly (<c>x-strategy-store</c>): each a collection of JSON objects
/// by id, seeded from <c>Store/Seeds/&lt;name&gt;.json</c>. What the server does with them is said by the
/// operation's method and path, not written by hand for each (see <see cref="SpecStoreEndpoints"/>).
/// </summary>
internal sealed class SpecStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<JObject>> _collections = new(StringComparer.Ordinal);

    /// <summary>The collection's items, in order (a copy).</summary>
    public IReadOnlyList<JObject> Items(string collection)
    {
        lock (_gate)
        {
            return [.. Collection(collection).Select(i => (JObject)i.DeepClone())];
        }
    }

    /// <summary>The item with this id, or <see langword="null"/>.</summary>
    public JObject? Find(string collection, string id)
    {
        lock (_gate)
        {
            return (JObject?)Collection(collection).FirstOrDefault(i => IdOf(i) == id)?.DeepClone();
        }
    }

    /// <summary>Adds an item; it gets an id when it has none.</summary>
    public JObject Add(string collection, JObject item)
    {
        lock (_gate)
        {
            item["id"] ??= Guid.NewGuid().ToString("N").ToUpperInvariant();
            Collection(collection).Add(item);
            return (JObject)item.DeepClone();
        }
    }

    /// <summary>Replaces the item with this id by <paramref name="change"/>'s answer; <see langword="null"/> when there is none.</summary>
    public JObject? Change(string collection, string id, Func<JObject, JObject> change)
    {
        lock (_gate)
        {
            var items = Collection(collection);
            var index = items.FindIndex(i => IdOf(i) == id);
            if (index < 0)
            {
                return null;
            }

            items[index] = change((JObject)items[index].DeepClone());
            return (JObject)items[index].DeepClone();
        }
    }

    /// <summary>Removes the item with this id; whether there was one.</summary>
    public bool Remove(string collection, string id)
    {
        lock (_gate)
        {
            return Collection(collection).RemoveAll(i => IdOf(i) == id) > 0;
        }
    }

    private static string? IdOf(JObject item) => item.Value<string>("id");

    private List<JObject> Collection(string name)
    {
        if (!_collections.TryGetValue(name, out var items))
        {
            using var stream = typeof(SpecStore).Assembly.GetManifestResourceStream("store/" + name + ".json")
                ?? throw new InvalidOperationException($"The spec declares the store '{name}' (x-strategy-store), but the emulator has no Store/Seeds/{name}.json.");
            using var reader = new StreamReader(stream);
            items = [.. JArray.Parse(reader.ReadToEnd()).Cast<JObject>()];
            _collections[name] = items;
        }

        return items;
    }
}
