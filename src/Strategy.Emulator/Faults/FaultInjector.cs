using System.Globalization;
using Newtonsoft.Json;

namespace Strategy.Emulator.Faults;

/// <summary>A fault to inject into the next matching requests.</summary>
public sealed record FaultRule
{
    /// <summary>How many matching requests the fault applies to. Default 1.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Only requests whose path contains this text match; <see langword="null"/> matches every API request.</summary>
    public string? PathContains { get; init; }

    /// <summary>Only requests with this method match (GET, POST…); <see langword="null"/> matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Answer this status (429, 500, 503…) instead of handling the request.</summary>
    public int? Status { get; init; }

    /// <summary>The <c>Retry-After</c> seconds to send with <see cref="Status"/>.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Wait this long before handling (or failing) the request. Over the control endpoint: seconds (<c>"delay": 2.5</c>) or <c>"00:00:02.5"</c>.</summary>
    [JsonConverter(typeof(SecondsConverter))]
    public TimeSpan? Delay { get; init; }

    /// <summary>Handle the request, then wait this long before sending its answer (the server acted; the client learns it late). Over the control endpoint as <see cref="Delay"/>.</summary>
    [JsonConverter(typeof(SecondsConverter))]
    public TimeSpan? DelayAnswer { get; init; }

    /// <summary>Drop the connection without answering.</summary>
    public bool DropConnection { get; init; }

    /// <summary>Handle the request, then answer <see cref="Status"/> instead of the real answer (the server acted, the client does not know).</summary>
    public bool AfterHandling { get; init; }
}

/// <summary>
/// Holds the faults to inject, configurable in-process and over the control endpoint, and counts how
/// often each fired: a test proves its fault took effect (a rule whose path no longer matches would
/// otherwise leave the test passing as before).
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(FaultRule Rule, int Remaining)> _rules = [];

    // Every rule ever added, by reference (two equal rules are two faults), with how often it fired.
    private readonly Dictionary<FaultRule, int> _hits = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many requests a fault was applied to, in all.</summary>
    public int Fired
    {
        get
        {
            lock (_gate)
            {
                return _hits.Values.Sum();
            }
        }
    }

    /// <summary>How many requests <paramref name="rule"/> (the instance given to <see cref="Add"/>) was applied to.</summary>
    /// <param name="rule">The fault.</param>
    /// <returns>Its hits; 0 for a rule never added.</returns>
    public int FiredFor(FaultRule rule)
    {
        lock (_gate)
        {
            return _hits.TryGetValue(rule, out var hits) ? hits : 0;
        }
    }

    /// <summary>The faults added that never fired: each is a scenario that did not happen as its test meant.</summary>
    public IReadOnlyList<FaultRule> Unfired
    {
        get
        {
            lock (_gate)
            {
                return _hits.Where(h => h.Value == 0).Select(h => h.Key).ToList();
            }
        }
    }

    /// <summary>Adds a fault for the next matching requests.</summary>
    /// <param name="rule">The fault.</param>
    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Count, 1);
        lock (_gate)
        {
            _rules.Add((rule, rule.Count));
            _hits.TryAdd(rule, 0);
        }
    }

    /// <summary>Removes every pending fault, and forgets what fired.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _hits.Clear();
        }
    }

    /// <summary>The fault for this request, counted as used; <see langword="null"/> when none matches.</summary>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path.</param>
    /// <returns>The fault, or <see langword="null"/>.</returns>
    public FaultRule? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, remaining) = _rules[i];
                if ((rule.PathContains is null || path.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase))
                    && (rule.Method is null || string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase)))
                {
                    if (remaining <= 1)
                    {
                        _rules.RemoveAt(i);
                    }
                    else
                    {
                        _rules[i] = (rule, remaining - 1);
                    }

                    _hits[rule] = _hits.GetValueOrDefault(rule) + 1;
                    return rule;
                }
            }

            return null;
        }
    }
}

/// <summary>
/// Reads a duration as the control endpoint's users write it: a number of seconds, as every other
/// emulator setting, or a <see cref="TimeSpan"/> text. A bare number was read as ticks before, which
/// made <c>"delay": 120</c> a 12 µs delay.
/// </summary>
internal sealed class SecondsConverter : JsonConverter<TimeSpan?>
{
    public override TimeSpan? ReadJson(JsonReader reader, Type objectType, TimeSpan? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        reader.TokenType switch
        {
            JsonToken.Null => null,
            JsonToken.Integer or JsonToken.Float => TimeSpan.FromSeconds(Convert.ToDouble(reader.Value, CultureInfo.InvariantCulture)),
            JsonToken.String when TimeSpan.TryParse((string)reader.Value!, CultureInfo.InvariantCulture, out var text) => text,
            _ => throw new JsonSerializationException($"'{reader.Value}' is not a duration: send seconds (2.5) or hh:mm:ss."),
        };

    public override void WriteJson(JsonWriter writer, TimeSpan? value, JsonSerializer serializer)
    {
        if (value is { } duration)
        {
            writer.WriteValue(duration.TotalSeconds);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
