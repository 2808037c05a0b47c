using System.Runtime.CompilerServices;
using Newtonsoft.Json.Serialization;

namespace Strategy.Generated;

/// <summary>
/// Stores an unrecognized enum value beside the object (the typed property gets
/// <c>placeholder</c>) and hands it back on serialization while the property still holds the
/// placeholder, so a read-modify-write round trip does not change what the server sent.
/// </summary>
internal sealed class UnrecognizedValueProvider(IValueProvider inner, string jsonName, object? placeholder) : IValueProvider
{
    public void SetValue(object target, object? value)
    {
        if (value is UnrecognizedEnumValue unrecognized)
        {
            UnrecognizedValues.Set(target, jsonName, unrecognized.Value);
            inner.SetValue(target, placeholder);
            return;
        }

        UnrecognizedValues.Remove(target, jsonName);
        inner.SetValue(target, value);
    }

    public object? GetValue(object target)
    {
        var value = inner.GetValue(target);
        return Equals(value, placeholder) && UnrecognizedValues.TryGet(target, jsonName, out var raw)
            ? new UnrecognizedEnumValue(raw)
            : value;
    }
}

/// <summary>Unrecognized enum values per deserialized object, released with the object.</summary>
internal static class UnrecognizedValues
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, string>> ValuesByObject = new();

    public static void Set(object target, string jsonName, string value)
    {
        var values = ValuesByObject.GetOrCreateValue(target);
        lock (values)
        {
            values[jsonName] = value;
        }
    }

    public static void Remove(object target, string jsonName)
    {
        if (ValuesByObject.TryGetValue(target, out var values))
        {
            lock (values)
            {
                values.Remove(jsonName);
            }
        }
    }

    public static bool TryGet(object target, string jsonName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = null;
        if (!ValuesByObject.TryGetValue(target, out var values))
        {
            return false;
        }

        lock (values)
        {
            return values.TryGetValue(jsonName, out value);
        }
    }
}
