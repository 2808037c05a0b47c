using System.Linq;
using Strategy.Generated.Generators.Common;
using static Strategy.Generated.Generators.Workflows.EmitContext;

namespace Strategy.Generated.Generators.Workflows.File;

/// <summary>Writes an <c>x-strategy-file</c> helper: call the operation, copy its file to the caller's stream, checked.</summary>
internal static class FileEmitter
{
    public static void Emit(FileHelper file, EmitContext context)
    {
        var writer = context.Writer;
        var rules = file.Name + "File";
        var signature = new string(file.Signature.Select(b => (char)b).ToArray());
        var docs = new SourceWriter();
        docs.Doc(
            "Calls <c>" + file.OperationId + "</c> and copies the " + Literals.Xml(file.Describe) + " it answers to <paramref name=\"destination\"/> as it arrives, never holding it whole in memory.\n"
            + (file.Signature.Count > 0 ? "The file must start as " + Literals.Xml(file.What) + " does (<c>" + Literals.Xml(Printable(signature)) + "</c>); that is checked before anything is written.\n" : string.Empty)
            + (file.Base64 is { } field ? "An answer in JSON that holds the file in base64 (<c>" + Literals.Xml(field) + "</c>), as some servers send, is decoded.\n" : string.Empty)
            + "A time limit or a token that ends the call mid-file leaves what was copied so far in <paramref name=\"destination\"/>.");
        ParameterDocs(docs, file.Parameters, "Passed to <c>" + file.FileMethod + "</c>.");
        docs.Line("/// <param name=\"destination\">Where the file goes; flushed, left open.</param>");
        docs.Line("/// <param name=\"cancellationToken\">Cancels the call and the copy.</param>");
        docs.Line("/// <returns>How many bytes were written.</returns>");
        docs.Line("/// <exception cref=\"" + Runtime.ExportException + "\">The answer is empty, is not " + Literals.Xml(file.What) + (file.Base64 is null ? string.Empty : ", or is JSON that holds no file") + ".</exception>");
        ApiExceptionDoc(docs);
        context.Member(docs, "public virtual async ", Runtime.Tasks + "Task<long> " + Runtime.Async(file.Name) + "(" + Signature(file.Parameters, ["global::System.IO.Stream destination"], Runtime.TokenParameter) + ")");
        context.Validate(file.Parameters);
        writer.Line("global::System.ArgumentNullException.ThrowIfNull(destination);");
        writer.Line("using var file = await " + file.FileMethod + "(" + Names(file.Parameters, "cancellationToken") + ").ConfigureAwait(false);");
        var export = Quote(file.Describe + (file.Subject is { } subject ? " of " + Naming.Label(subject) + " " : string.Empty)) + (file.Subject is null ? string.Empty : " + " + file.Subject);
        writer.Line("return await " + Runtime.Files + ".CopyAsync(file.Stream, file.Headers, destination, " + rules + ", " + export + ", cancellationToken).ConfigureAwait(false);");
        writer.Close();
        writer.Line();

        writer.Line("internal static readonly " + Runtime.FileRules + " " + rules + " = new(" + Quote(file.What) + ", new byte[] { " + string.Join(", ", file.Signature.Select(b => "0x" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))) + " }, " + (file.Base64 is { } base64 ? Quote(base64) : "null") + ");");
        writer.Line();
    }

    /// <summary>The signature as a reader of the docs sees it: control bytes as <c>\x03</c>.</summary>
    private static string Printable(string signature) =>
        string.Concat(signature.Select(c => c < ' ' || c > '~' ? "\\x" + ((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
}
