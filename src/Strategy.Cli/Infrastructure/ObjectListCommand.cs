using System.CommandLine;
using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>A <c>list</c> command over the quick search: the project's objects of one type, id and name.</summary>
internal static class ObjectListCommand
{
    /// <param name="runner">Runs the command.</param>
    /// <param name="objectType">The object type in a quick search (3 reports, 55 dashboards, 776 cubes).</param>
    /// <param name="description">The command's help.</param>
    /// <param name="none">What is printed when there are none.</param>
    public static Command Create(CommandRunner runner, int objectType, string description, string none)
    {
        var list = new Command("list", description);
        runner.SetAction(list, async (_, session, cancellationToken) =>
        {
            var found = await session.Client<SearchClient>().SearchObjectsAsync(type: [objectType], limit: -1, cancellationToken: cancellationToken);
            var objects = (found.Result ?? []).Where(o => o is not null).ToList();
            CommandRunner.Print(session, objects.Select(o => new { id = o.Id, name = o.Name }), objects.Count == 0 ? none : string.Join(Environment.NewLine, objects.Select(o => $"{o.Id}  {o.Name}")));
            return ExitCodes.Success;
        });
        return list;
    }
}
