using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Strategy.Generated;

namespace Strategy.Emulator.Api;

/// <summary>
/// Users, groups and security roles written as the REST docs' samples show them: the object type and a
/// user's flags as text (<c>"type": "34"</c>, <c>"enabled": "true"</c>), a group's parent groups under
/// <c>membership</c>, member and membership entries as short as the samples', a role's list without its
/// privileges. A client that reads these reads a server that answers so.
/// </summary>
internal static class Documented
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(EmulatorJson.Settings);

    public static JObject User(User user)
    {
        var json = JObject.FromObject(user, Serializer);
        json["type"] = "34";
        foreach (var flag in new[] { "enabled", "passwordModifiable", "requireNewPassword", "standardAuth" })
        {
            if (json[flag] is JValue { Type: JTokenType.Boolean } value)
            {
                json[flag] = (bool)value ? "true" : "false";
            }
        }

        json["memberships"] = Only(json["memberships"], "id", "name");
        return json;
    }

    public static JObject Group(UserGroup group)
    {
        var json = JObject.FromObject(group, Serializer);
        json["type"] = "34";
        json["membership"] = Only(json["memberships"], "id");
        json.Remove("memberships");
        json["members"] = Only(json["members"], "id");
        return json;
    }

    public static JObject Role(SecurityRole role, bool listed)
    {
        var json = JObject.FromObject(role, Serializer);
        if (listed)
        {
            json.Remove("privileges");
            json.Remove("projects");
            return json;
        }

        json["privileges"] = Only(json["privileges"], "id", "name");
        foreach (var project in json["projects"]?.OfType<JObject>() ?? [])
        {
            // The official client reads a role's members with subType (security_role.py, list_members).
            var members = new JArray();
            foreach (var member in project["members"]?.OfType<JObject>() ?? [])
            {
                members.Add(new JObject { ["id"] = member["id"], ["name"] = member["name"], ["type"] = member["type"], ["subType"] = member["subtype"] });
            }

            project["members"] = members;
        }

        return json;
    }

    private static JArray Only(JToken? list, params string[] fields) =>
        new(list?.OfType<JObject>().Select(item => new JObject(item.Properties().Where(p => fields.Contains(p.Name)))) ?? []);
}
