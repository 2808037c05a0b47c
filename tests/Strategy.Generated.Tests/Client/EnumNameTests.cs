using System.CodeDom.Compiler;
using System.Reflection;
using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Strategy.Generated.Tests.Client;

/// <summary>
/// Every enum the spec declares reads as .NET (<c>SchemaUpdateType.TableKey</c>, <c>DeliveryMode.HistoryList</c>)
/// whatever the case of its wire values, and every member still writes and reads its wire value exactly.
/// </summary>
public sealed class EnumNameTests
{
    private static IEnumerable<Type> GeneratedEnums => typeof(StrategyConnection).Assembly.GetTypes()
        .Where(t => t.IsEnum && t.IsPublic && t.GetCustomAttribute<GeneratedCodeAttribute>()?.Tool == "NJsonSchema");

    [Test]
    public void Every_member_of_a_generated_enum_is_PascalCase()
    {
        var members = GeneratedEnums.SelectMany(t => Enum.GetNames(t).Select(n => t.Name + "." + n)).ToList();

        var notPascal = members.Where(m =>
        {
            var name = m[(m.IndexOf('.') + 1)..];
            return name.Contains('_') || !char.IsUpper(name[0]) || (name.Length > 2 && name.All(char.IsUpper));
        });

        Assert.Multiple(() =>
        {
            Assert.That(members, Has.Count.GreaterThan(50), "the enums were found");
            Assert.That(notPascal, Is.Empty);
        });
    }

    [TestCaseSource(nameof(GeneratedEnums))]
    public void Every_member_writes_and_reads_its_wire_value_exactly(Type enumType)
    {
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var value = field.GetValue(null)!;
            if (field.GetCustomAttribute<EnumMemberAttribute>()?.Value is not { } wire)
            {
                continue;
            }

            // As the models' properties write them: by the member's wire value, not its .NET name.
            var json = JsonConvert.SerializeObject(value, new Newtonsoft.Json.Converters.StringEnumConverter());
            Assert.Multiple(() =>
            {
                Assert.That(json, Is.EqualTo(JsonConvert.SerializeObject(wire)), field.Name);
                Assert.That(JsonConvert.DeserializeObject(json, enumType, new Newtonsoft.Json.Converters.StringEnumConverter()), Is.EqualTo(value), field.Name);
            });
        }
    }
}
