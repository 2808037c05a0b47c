using Strategy.Generated.Generators.Spec;

namespace Strategy.Generated.Generators.Workflows.File;

/// <summary><c>x-strategy-file</c>: this operation answers a file.</summary>
/// <param name="Helper">The helper's name, such as <c>ExportDocumentPdfTo</c>.</param>
/// <param name="Describe">What the file is, for messages (<c>PDF</c>, <c>Excel workbook</c>).</param>
/// <param name="Signature">The text every such file starts with (<c>%PDF-</c>), its characters taken as bytes; none for any bytes.</param>
/// <param name="Base64">The field of a JSON answer that holds the file in base64, for a server that answers JSON instead of the bytes.</param>
internal sealed record FileDeclaration(
    string Helper,
    string Describe,
    string? Signature,
    string? Base64,
    SpecPlaces Places) : Declaration(Places)
{
    /// <inheritdoc />
    public override string Extension => FileKind.Name;

    /// <inheritdoc />
    public override void Resolve(ResolveContext context) => FileResolver.Resolve(this, context);
}
