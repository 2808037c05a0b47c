// Grows an OpenAPI spec to a number of operations with free-form ones from a list of method and path
// pairs, as a user would who adds the calls the official client makes. Run as a file-based program:
//   dotnet run tests/Scale/GrowSpec.cs -- <spec.yaml> <operations.tsv> <total operations>
// It edits the spec in place. Each added operation has its first path segment as tag (so a client per
// area, as the real API is split), its path parameters, a free-form body for writes and a free-form
// answer. Paths the spec already has are left as they are.
using System.Text;
using System.Text.RegularExpressions;

if (args.Length != 3 || !int.TryParse(args[2], out var total))
{
    Console.Error.WriteLine("usage: GrowSpec.cs <spec.yaml> <operations.tsv> <total operations>");
    return 2;
}

var spec = File.ReadAllText(args[0]).Replace("\r\n", "\n");
var pathLines = Regex.Matches(spec, @"^  (/[^:\n]*):\n", RegexOptions.Multiline);
var existingPaths = pathLines.Select(m => Template(m.Groups[1].Value)).ToHashSet();
var existingOperations = Regex.Matches(spec, @"^      operationId: (\w+)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToHashSet();
var wanted = total - existingOperations.Count;
if (wanted <= 0)
{
    Console.WriteLine($"The spec has {existingOperations.Count} operations already.");
    return 0;
}

var rows = File.ReadLines(args[1]).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(p => (Method: p[0].ToLowerInvariant(), Path: p[1]));
var added = new List<(string Method, string Path)>();
foreach (var row in rows)
{
    if (added.Count == wanted)
    {
        break;
    }

    if (!existingPaths.Contains(Template(row.Path)))
    {
        added.Add(row);
    }
}

var yaml = new StringBuilder();
var operationIds = new HashSet<string>(existingOperations);
foreach (var path in added.GroupBy(a => a.Path))
{
    yaml.Append("  ").Append(path.Key).Append(":\n");
    foreach (var (method, _) in path)
    {
        var segments = path.Key.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var tag = "Scale" + Pascal(segments.FirstOrDefault(s => s[0] != '{' && s != "v2") ?? "Root");
        var id = Unique(Pascal(method) + string.Concat(segments.Select(s => s[0] == '{' ? "By" + Pascal(s.Trim('{', '}')) : Pascal(s))), operationIds);
        yaml.Append("    ").Append(method).Append(":\n");
        yaml.Append("      tags: [").Append(tag).Append("]\n");
        yaml.Append("      operationId: ").Append(id).Append('\n');
        var parameters = Regex.Matches(path.Key, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct().ToList();
        if (parameters.Count > 0)
        {
            yaml.Append("      parameters:\n");
            foreach (var parameter in parameters)
            {
                yaml.Append("        - { name: ").Append(parameter).Append(", in: path, required: true, schema: { type: string } }\n");
            }
        }

        if (method is "post" or "put" or "patch")
        {
            yaml.Append("      requestBody:\n        content:\n          application/json:\n            schema: { type: object, additionalProperties: true }\n");
        }

        yaml.Append(method == "head"
            ? "      responses:\n        '200': { description: OK. }\n"
            : "      responses:\n        '200':\n          description: OK.\n          content:\n            application/json:\n              schema: { type: object, additionalProperties: true }\n");
    }
}

var insertAt = spec.IndexOf("\ncomponents:", StringComparison.Ordinal) + 1;
File.WriteAllText(args[0], spec.Insert(insertAt, yaml.ToString()));
Console.WriteLine($"Added {added.Count} operations: {existingOperations.Count + added.Count} in all.");
return existingOperations.Count + added.Count == total ? 0 : 1;

static string Template(string path) => Regex.Replace(path, @"\{[^}]*\}", "{}");

static string Pascal(string text) =>
    string.Concat(Regex.Split(text, @"[^A-Za-z0-9]+").Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

static string Unique(string id, HashSet<string> taken)
{
    var candidate = id;
    for (var n = 2; !taken.Add(candidate); n++)
    {
        candidate = id + n;
    }

    return candidate;
}
