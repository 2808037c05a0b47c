using System.Linq;
using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.File;

/// <summary>Resolves an <c>x-strategy-file</c> declaration: the operation must answer a file (a stream NSwag hands over unread).</summary>
internal static class FileResolver
{
    public static void Resolve(FileDeclaration file, ResolveContext context)
    {
        var method = context.Method;
        if (method.ResultType is null || method.WrappedResponseType is not null || method.Property("Stream")?.Type != "global::System.IO.Stream" || method.Property("Headers") is null)
        {
            context.Report(Diagnostics.NotAFile, file.Places.At("helper"), method.Name, method.ResultType ?? "nothing");
            return;
        }

        var parameters = ResolveContext.Parameters(method, skip: []);
        var subject = parameters.FirstOrDefault(p => p.Type == "string")?.Name;
        var signature = (file.Signature ?? string.Empty).Select(c => (byte)c).ToEquatableArray();
        context.Add(new FileHelper(
            context.Operation.OperationId,
            file.Helper,
            method.Name,
            parameters,
            Article(file.Describe) + " " + file.Describe,
            file.Describe,
            signature,
            file.Base64,
            subject));
    }

    /// <summary>"a" or "an", by the first letter: "an Excel workbook", "a PDF".</summary>
    private static string Article(string words) =>
        words.Length > 0 && "AEIOUaeiou".IndexOf(words[0]) >= 0 ? "an" : "a";
}
