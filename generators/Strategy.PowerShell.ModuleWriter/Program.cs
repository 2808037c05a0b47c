using Strategy.PowerShell.ModuleWriter;

// Strategy.PowerShell.ModuleWriter <module.dll> <documentation.xml> <references file> <manifest template> <version> <output folder>
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: Strategy.PowerShell.ModuleWriter <module.dll> <documentation.xml> <references file> <manifest template> <version> <output folder>");
    return 2;
}

var (module, documentation, referencesFile, template, version, output) = (args[0], args[1], args[2], args[3], args[4], args[5]);
var references = File.ReadAllLines(referencesFile).Where(line => line.Length > 0).ToList();
var cmdlets = CmdletReader.Read(module, references);
var problems = new List<string>();
var help = MamlWriter.Write(cmdlets, DocComments.Load(documentation), problems);
var manifest = ManifestWriter.Write(File.ReadAllText(template), version, cmdlets, problems);
var views = ViewWriter.Write(cmdlets, problems);
if (problems.Count > 0)
{
    // MSBuild shows "error HELP001: ..." lines as build errors.
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"{module}: error HELP001: {problem}");
    }

    return 1;
}

var helpFile = Path.Combine(output, "en-US", Path.GetFileName(module) + "-Help.xml");
Directory.CreateDirectory(Path.GetDirectoryName(helpFile)!);
help.Save(helpFile);
File.WriteAllText(Path.Combine(output, Path.GetFileNameWithoutExtension(module) + ".psd1"), manifest);
views.Save(Path.Combine(output, ViewWriter.FileName));
Console.WriteLine($"Help, manifest and views for {cmdlets.Count} cmdlets written to {output}.");
return 0;
