using System.CommandLine;
using Strategy.Cli.Commands;

var root = new RootCommand("strategy: run Strategy (MicroStrategy) Library REST API workflows.")
{
    OperationsCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
