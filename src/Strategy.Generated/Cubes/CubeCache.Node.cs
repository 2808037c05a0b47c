using System.Text;

namespace Strategy.Generated;

/// <summary>A cube cache's node, which the server writes into the cache's id rather than a field of its own.</summary>
public partial class CubeCache
{
    /// <summary>
    /// The node the cache is on, read from its id (<c>cacheGuid:projectId:base64(node)</c>, as the REST
    /// docs show it), or <see langword="null"/> when the id is not of that form.
    /// </summary>
    [Newtonsoft.Json.JsonIgnore]
    public string? Node
    {
        get
        {
            var parts = Id?.Split(':');
            if (parts is not { Length: 3 })
            {
                return null;
            }

            try
            {
                return ServerText.Clean(Encoding.UTF8.GetString(Convert.FromBase64String(parts[2])));
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
