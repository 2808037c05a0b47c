using Strategy.Generated.Generators.Common;

namespace Strategy.Generated.Generators.Workflows.File;

/// <summary>Calls an operation that answers a file and copies the file to the caller's stream.</summary>
/// <param name="Name">The helper's name, such as <c>ExportDocumentPdfTo</c>.</param>
/// <param name="FileMethod">The client method that answers the file.</param>
/// <param name="Parameters">Its parameters, without the token.</param>
/// <param name="What">The file with its article, for messages (<c>a PDF</c>).</param>
/// <param name="Describe">The file without it (<c>PDF</c>).</param>
/// <param name="Signature">The bytes every such file starts with.</param>
/// <param name="Base64">The JSON field of the base64 form, if the server may answer one.</param>
/// <param name="Subject">The parameter that names what the file is of (the first required text parameter), for messages.</param>
internal sealed record FileHelper(
    string OperationId,
    string Name,
    string FileMethod,
    EquatableArray<HelperParameter> Parameters,
    string What,
    string Describe,
    EquatableArray<byte> Signature,
    string? Base64,
    string? Subject) : Helper
{
    /// <inheritdoc />
    public override void Emit(EmitContext context) => FileEmitter.Emit(this, context);
}
