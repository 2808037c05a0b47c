using System.CommandLine;
using Strategy.Generated;

namespace Strategy.Cli.Infrastructure;

/// <summary>A <c>list</c> command over the quick search: the project's objects of one type, id and name.</summary>
internal static class ObjectListCommand
{
    /// <param name="runner">Runs the command.</param>
    /// <param name="objectType">The object type or subtype in a quick search (3 report definitions, 55 documents, 776 Intelligent Cubes).</param>
    /// <param name="description">The command's help.</param>
    /// <param name="none">What is printed when there are none.</param>
    /// <param name="excludedSubtypes">Subtypes of that type that are not what the command lists (cubes among type 3's report definitions).</param>
    public static Command Create(CommandRunner runner, int objectType, string description, string none, params int[] excludedSubtypes)
    {
        var list = new Command("list", description);
        runner.SetAction(list, async (_, session, cancellationToken) =>
        {
            var found = await session.Client<SearchClient>().SearchObjectsAsync(type: [objectType], limit: -1, cancellationToken: cancellationToken);
            var objects = (found.Result ?? []).Where(o => o is not null && !(o.Subtype is { } subtype && excludedSubtypes.Contains(subtype))).ToList();
            CommandRunner.Print(session, objects.Select(o => new { id = o.Id, name = o.Name }), objects.Count == 0 ? none : string.Join(Environment.NewLine, objects.Select(o => $"{o.Id}  {o.Name}")));
            return ExitCodes.Success;
        });
        return list;
    }
}
