using System.CommandLine;
using Strategy.Generated;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy operations</c>: lists the operations of the spec the package was generated from, by client.</summary>
internal static class OperationsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the catalog as a JSON array." };
        var command = new Command("operations", "List the REST operations the generated clients offer, by client: the method, the HTTP call and, where the spec says, the first server version that has it.") { json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var operations = StrategyOperations.All.OrderBy(o => o.ClientType.Name, StringComparer.Ordinal).ThenBy(o => o.MethodName, StringComparer.Ordinal).ToList();
            if (parseResult.GetValue(json))
            {
                output.WriteLine(Newtonsoft.Json.JsonConvert.SerializeObject(
                    operations.Select(o => new
                    {
                        operationId = o.OperationId,
                        method = o.Method,
                        path = o.PathTemplate,
                        client = o.ClientType.Name,
                        clientMethod = o.MethodName,
                        since = o.Since,
                        parameters = o.Parameters.Select(p => new { name = p.Name, location = p.Location, required = p.Required }),
                    }),
                    Newtonsoft.Json.Formatting.Indented));
                return 0;
            }

            foreach (var client in operations.GroupBy(o => o.ClientType.Name))
            {
                output.WriteLine(client.Key);
                foreach (var operation in client)
                {
                    // The project header is the client's own (ProjectId); other headers are arguments.
                    var parameters = string.Join(", ", operation.Parameters
                        .Where(p => !string.Equals(p.Name, Generated.Http.StrategyHeaders.ProjectId, StringComparison.OrdinalIgnoreCase))
                        .Select(p => p.Required ? p.Name : p.Name + "?"));
                    var since = operation.Since is null ? string.Empty : $"  (server {operation.Since} and later)";
                    output.WriteLine($"  {operation.MethodName}({parameters})  {operation.Method} {operation.PathTemplate}{since}");
                }
            }

            return 0;
        });
        return command;
    }
}
