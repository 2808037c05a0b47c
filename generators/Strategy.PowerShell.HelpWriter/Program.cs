using Strategy.PowerShell.HelpWriter;

// strategy-help-writer <module.dll> <module.xml> <output-help.xml> <references.rsp>
if (args.Length != 4)
{
    Console.Error.WriteLine("usage: Strategy.PowerShell.HelpWriter <module.dll> <documentation.xml> <output.xml> <references file>");
    return 2;
}

var references = File.ReadAllLines(args[3]).Where(line => line.Length > 0).ToList();
var cmdlets = CmdletReader.Read(args[0], references);
var docs = DocComments.Load(args[1]);
var problems = new List<string>();
var help = MamlWriter.Write(cmdlets, docs, problems);
if (problems.Count > 0)
{
    // MSBuild shows "error HELP001: ..." lines as build errors at the cmdlet's source file.
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"{args[0]}: error HELP001: {problem}");
    }

    return 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[2]))!);
help.Save(args[2]);
Console.WriteLine($"Help for {cmdlets.Count} cmdlets written to {args[2]}.");
return 0;
