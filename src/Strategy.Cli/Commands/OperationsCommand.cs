using System.CommandLine;
using System.Reflection;
using Strategy.Generated.Http;

namespace Strategy.Cli.Commands;

/// <summary><c>strategy operations</c>: lists the operations the generated clients offer.</summary>
internal static class OperationsCommand
{
    public static Command Create()
    {
        var command = new Command("operations", "List the REST operations the generated clients offer, by client.");
        command.SetAction(parseResult =>
        {
            var clients = typeof(StrategyClientBase).Assembly.GetExportedTypes()
                .Where(t => t.IsSubclassOf(typeof(StrategyClientBase)))
                .OrderBy(t => t.Name, StringComparer.Ordinal);
            foreach (var client in clients)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(client.Name);
                var methods = client.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(m => m.GetParameters().LastOrDefault()?.ParameterType == typeof(CancellationToken))
                    .OrderBy(m => m.Name, StringComparer.Ordinal);
                foreach (var method in methods)
                {
                    var parameters = string.Join(", ", method.GetParameters().SkipLast(1).Select(p => p.Name));
                    parseResult.InvocationConfiguration.Output.WriteLine($"  {method.Name}({parameters})");
                }
            }

            return 0;
        });
        return command;
    }
}
