using Newtonsoft.Json.Linq;

namespace Strategy.Generated;

/// <summary>What the server answered to a <see cref="StrategyOperationRequest"/> that succeeded.</summary>
public sealed class StrategyOperationAnswer
{
    /// <summary>Keeps the answer.</summary>
    /// <param name="status">The HTTP status (2xx).</param>
    /// <param name="json">The body as JSON; <see langword="null"/> when the answer had none.</param>
    /// <param name="headers">The answer's headers by name (any case).</param>
    public StrategyOperationAnswer(int status, JToken? json, IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        Status = status;
        Json = json;
        Headers = headers;
    }

    /// <summary>The HTTP status (2xx).</summary>
    public int Status { get; }

    /// <summary>The body as JSON; <see langword="null"/> when the answer had none.</summary>
    public JToken? Json { get; }

    /// <summary>The answer's headers by name (any case).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>
    /// The list an answer is or holds: the answer itself when it is a list, else its one list of objects
    /// (a page's items, beside its count); <see langword="null"/> for any other answer. The command line
    /// prints that list as a table and a cmdlet writes its items, as the generator names their type.
    /// </summary>
    /// <param name="answer">An answer's body.</param>
    /// <returns>The list, or <see langword="null"/>.</returns>
    public static JArray? ListIn(JToken? answer) => answer switch
    {
        JArray list => list,
        JObject page when page.Properties().Where(p => p.Value is JArray).Take(2).ToList() is [{ Value: JArray list }] && list.All(i => i is JObject) => list,
        _ => null,
    };

    /// <summary>The status and whether a body came; never the body (it may hold what a log must not).</summary>
    public override string ToString() => $"{Status}{(Json is null ? ", no body" : ", a body of " + Json.Type)}";
}
