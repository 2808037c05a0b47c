using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Strategy.Generated.Generators.Common;
using YamlDotNet.RepresentationModel;

namespace Strategy.Generated.Generators.Spec;

/// <summary>
/// The <c>strategy</c> command and the PowerShell cmdlet of an operation: declared with
/// <c>x-strategy-command</c> and <c>x-strategy-cmdlet</c> (a name, or <c>{ handwritten: name }</c> for
/// an operation a hand-written workflow command or cmdlet reaches), else derived from the operation's
/// tag and id by the rule docs/cli.md states. Read leniently, checked strictly: a malformed name, an
/// unapproved verb or a name two operations would share is a diagnostic at its YAML line.
/// </summary>
internal sealed record SpecCommandNames(
    string? Command,
    bool CommandIsHandWritten,
    SpecLocation? CommandLocation,
    string? Cmdlet,
    bool CmdletIsHandWritten,
    SpecLocation? CmdletLocation)
{
    public const string CommandExtension = "x-strategy-command";
    public const string CmdletExtension = "x-strategy-cmdlet";

    public static SpecCommandNames None { get; } = new(null, false, null, null, false, null);

    private static readonly Regex CommandShape = new("^[a-z][a-z0-9]*(-[a-z0-9]+)* [a-z][a-z0-9]*(-[a-z0-9]+)*$");
    private static readonly Regex CmdletShape = new("^([A-Z][a-z]+)-Strategy[A-Z][A-Za-z0-9]*$");

    /// <summary>PowerShell's approved verbs (Get-Verb), the only ones a cmdlet may start with.</summary>
    public static readonly HashSet<string> ApprovedVerbs = new(System.StringComparer.Ordinal)
    {
        "Add", "Approve", "Assert", "Backup", "Block", "Build", "Checkpoint", "Clear", "Close", "Compare", "Complete", "Compress",
        "Confirm", "Connect", "Convert", "ConvertFrom", "ConvertTo", "Copy", "Debug", "Deny", "Deploy", "Disable", "Disconnect",
        "Dismount", "Edit", "Enable", "Enter", "Exit", "Expand", "Export", "Find", "Format", "Get", "Grant", "Group", "Hide",
        "Import", "Initialize", "Install", "Invoke", "Join", "Limit", "Lock", "Measure", "Merge", "Mount", "Move", "New", "Open",
        "Optimize", "Out", "Ping", "Pop", "Protect", "Publish", "Push", "Read", "Receive", "Redo", "Register", "Remove", "Rename",
        "Repair", "Request", "Reset", "Resize", "Resolve", "Restart", "Restore", "Resume", "Revoke", "Save", "Search", "Select",
        "Send", "Set", "Show", "Skip", "Split", "Start", "Step", "Stop", "Submit", "Suspend", "Switch", "Sync", "Test", "Trace",
        "Unblock", "Undo", "Uninstall", "Unlock", "Unprotect", "Unpublish", "Unregister", "Update", "Use", "Wait", "Watch", "Write",
    };

    /// <summary>The approved verb an operation id's first word becomes; a word not listed keeps itself when approved, else the cmdlet is <c>Invoke-</c>.</summary>
    private static readonly Dictionary<string, string> VerbOf = new(System.StringComparer.Ordinal)
    {
        ["List"] = "Get", ["Create"] = "New", ["Delete"] = "Remove", ["Patch"] = "Update", ["Cancel"] = "Stop",
        ["Trigger"] = "Invoke", ["Run"] = "Invoke", ["Execute"] = "Invoke", ["Answer"] = "Submit", ["Login"] = "Connect",
        ["Logout"] = "Disconnect", ["Reload"] = "Update", ["Purge"] = "Clear", ["Invalidate"] = "Reset", ["Validate"] = "Test",
        ["Extend"] = "Update",
    };

    /// <summary>Reads what an operation declares; a mistake is reported at its line and the name is derived instead.</summary>
    public static SpecCommandNames Read(SpecReader spec, string operationId, YamlMappingNode operation)
    {
        var (command, commandByHand, commandAt) = ReadOne(spec, operationId, operation, CommandExtension, CommandShape, "'<group> <verb>' in lower-case words joined by '-', such as 'connections list'");
        var (cmdlet, cmdletByHand, cmdletAt) = ReadOne(spec, operationId, operation, CmdletExtension, CmdletShape, "'<Verb>-Strategy<Noun>', such as 'Get-StrategyUserConnection'");
        if (cmdlet is not null && !ApprovedVerbs.Contains(cmdlet.Substring(0, cmdlet.IndexOf('-'))))
        {
            var verb = cmdlet.Substring(0, cmdlet.IndexOf('-'));
            spec.Report(DiagnosticInfo.Create(Diagnostics.UnapprovedVerb, cmdletAt, CmdletExtension, operationId, cmdlet, verb, Naming.DidYouMean(verb, ApprovedVerbs)));
            (cmdlet, cmdletByHand) = (null, false);
        }

        return new SpecCommandNames(command, commandByHand, commandAt, cmdlet, cmdletByHand, cmdletAt);
    }

    /// <summary>
    /// Fills in the names an operation does not declare and reports, at the second one's line, two
    /// operations that would share a command or a cmdlet (whoever writes it: a derived name that meets a
    /// hand-written one is as much a clash).
    /// </summary>
    public static IReadOnlyList<SpecOperation> Complete(IReadOnlyList<SpecOperation> operations, System.Action<DiagnosticInfo> report)
    {
        var completed = operations.Select(o => o with
        {
            Names = o.Names with
            {
                Command = o.Names.Command ?? DeriveCommand(o.Tag, o.OperationId),
                Cmdlet = o.Names.Cmdlet ?? DeriveCmdlet(o.Tag, o.OperationId),
            },
        }).ToList();
        Check(completed, o => o.Names.Command!, o => o.Names.CommandLocation, CommandExtension, "command", report);
        Check(completed, o => o.Names.Cmdlet!, o => o.Names.CmdletLocation, CmdletExtension, "cmdlet", report);
        return completed;
    }

    /// <summary>
    /// <c>ListCubeCaches</c> of tag <c>CubeCaches</c> is <c>cubecaches list</c>: the tag in lower case makes the
    /// group (as <c>datamodels</c>, the hand-written group, is written), the id's words without the tag's the verb.
    /// </summary>
    public static string DeriveCommand(string tag, string operationId)
    {
        var tagWords = Words(tag);
        var words = Words(operationId).Where(w => !tagWords.Any(t => w == t || w == Singular(t))).ToList();
        return string.Concat(tagWords) + " " + (words.Count == 0 ? "call" : string.Join("-", words));
    }

    /// <summary><c>ListJobs</c> is <c>Get-StrategyJobs</c>: the id's first word as an approved verb, the rest as the noun (else the tag's, singular).</summary>
    public static string DeriveCmdlet(string tag, string operationId)
    {
        var words = Words(operationId).Select(Naming.Pascal).ToList();
        var first = words.Count > 0 ? words[0] : "Invoke";
        var verb = VerbOf.TryGetValue(first, out var mapped) ? mapped : ApprovedVerbs.Contains(first) ? first : null;
        var noun = verb is null ? string.Concat(words) : string.Concat(words.Skip(1));
        if (noun.Length == 0)
        {
            noun = Naming.Pascal(Singular(string.Concat(Words(tag).Select(Naming.Pascal))));
        }

        return (verb ?? "Invoke") + "-Strategy" + noun;
    }

    private static void Check(List<SpecOperation> operations, System.Func<SpecOperation, string> name, System.Func<SpecOperation, SpecLocation?> declaredAt, string extension, string what, System.Action<DiagnosticInfo> report)
    {
        var first = new Dictionary<string, SpecOperation>(System.StringComparer.OrdinalIgnoreCase);
        foreach (var operation in operations)
        {
            if (first.TryGetValue(name(operation), out var owner))
            {
                if (IsHandWritten(owner, extension) && IsHandWritten(operation, extension))
                {
                    // A hand-written workflow may reach several operations (an export: PDF, Excel, CSV).
                    continue;
                }

                report(DiagnosticInfo.Create(Diagnostics.NameTaken, declaredAt(operation) ?? operation.Location, extension, operation.OperationId, what, name(operation), owner.OperationId));
            }
            else
            {
                first[name(operation)] = operation;
            }
        }
    }

    private static bool IsHandWritten(SpecOperation operation, string extension) =>
        extension == CommandExtension ? operation.Names.CommandIsHandWritten : operation.Names.CmdletIsHandWritten;

    private static (string? Name, bool HandWritten, SpecLocation? At) ReadOne(SpecReader spec, string operationId, YamlMappingNode operation, string extension, Regex shape, string expected)
    {
        var key = operation.Children.Keys.FirstOrDefault(k => SpecReader.Scalar(k) == extension);
        if (key is null)
        {
            return (null, false, null);
        }

        var node = operation.Children[key];
        var handWritten = false;
        if (node is YamlMappingNode mapping)
        {
            var entry = mapping.Children.FirstOrDefault();
            if (mapping.Children.Count != 1 || SpecReader.Scalar(entry.Key) != "handwritten")
            {
                spec.Report(DiagnosticInfo.Create(Diagnostics.MissingKey, spec.Locate(key), extension, operationId, "a name, or 'handwritten: <name>' alone"));
                return (null, false, null);
            }

            node = entry.Value;
            handWritten = true;
        }

        var name = SpecReader.Scalar(node);
        if (name is null || !shape.IsMatch(name))
        {
            spec.Report(DiagnosticInfo.Create(Diagnostics.InvalidValue, spec.Locate(node), extension, operationId, "name", name ?? string.Empty, expected));
            return (null, false, null);
        }

        return (name, handWritten, spec.Locate(node));
    }

    /// <summary>The lower-case words of a Pascal-case or kebab-case name: <c>CubeCaches</c> is <c>cube</c>, <c>caches</c>.</summary>
    private static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            // A capital starts a word, unless it continues capitals (an acronym: V2, XML) that another capital follows.
            if (char.IsUpper(c) && current.Length > 0 && !(char.IsUpper(name[i - 1]) && (i + 1 == name.Length || !char.IsLower(name[i + 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static string Singular(string word) =>
        word.EndsWith("ies", System.StringComparison.Ordinal) ? word.Substring(0, word.Length - 3) + "y"
        : word.EndsWith("sses", System.StringComparison.Ordinal) ? word.Substring(0, word.Length - 2)
        : word.EndsWith("s", System.StringComparison.Ordinal) && !word.EndsWith("ss", System.StringComparison.Ordinal) ? word.Substring(0, word.Length - 1)
        : word;
}
