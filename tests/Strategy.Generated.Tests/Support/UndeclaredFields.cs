using System.Collections;
using System.Reflection;

namespace Strategy.Generated.Tests.Support;

/// <summary>
/// The fields of a deserialized model that landed in an <c>AdditionalProperties</c> bag instead of a
/// typed property, at any depth, as JSON paths: what the spec does not declare. A property typed as a
/// free-form object or a dictionary is declared as such.
/// </summary>
internal static class UndeclaredFields
{
    public static IEnumerable<string> Of(object? model) => Of(model, "$");

    private static IEnumerable<string> Of(object? model, string path)
    {
        if (model is null or string or IDictionary || model.GetType().IsPrimitive || model.GetType().IsEnum || model is DateTimeOffset or DateTime or decimal)
        {
            yield break;
        }

        if (model is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                foreach (var field in Of(item, $"{path}[{index++}]"))
                {
                    yield return field;
                }
            }

            yield break;
        }

        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var value = property.GetValue(model);
            if (property.Name == "AdditionalProperties")
            {
                foreach (var key in ((IDictionary<string, object>?)value)?.Keys ?? [])
                {
                    yield return $"{path}.{key}";
                }
            }
            else
            {
                foreach (var field in Of(value, $"{path}.{property.Name}"))
                {
                    yield return field;
                }
            }
        }
    }
}
