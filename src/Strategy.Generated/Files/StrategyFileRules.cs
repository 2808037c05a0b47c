namespace Strategy.Generated;

/// <summary>
/// What a declared file answer (<c>x-strategy-file</c>) must be: what it is, for messages ("a PDF"),
/// the bytes every such file starts with (none for text), and the JSON field that holds the file in
/// base64 when a server answers JSON instead of the bytes.
/// </summary>
/// <param name="What">The file with its article, for messages: "a PDF", "an Excel workbook".</param>
/// <param name="Signature">The first bytes of every such file; empty when any bytes will do.</param>
/// <param name="Base64Field">The field of a JSON answer that holds the file in base64, or <see langword="null"/> when JSON is not a form of it.</param>
internal sealed record StrategyFileRules(string What, byte[] Signature, string? Base64Field);
