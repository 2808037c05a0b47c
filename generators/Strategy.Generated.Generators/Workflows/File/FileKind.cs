using System.Linq;

namespace Strategy.Generated.Generators.Workflows.File;

/// <summary><c>x-strategy-file</c>: the operation answers a file, copied to the caller's stream. Reads the declaration.</summary>
internal sealed class FileKind : DeclarationKind
{
    public const string Name = "x-strategy-file";

    /// <inheritdoc />
    public override string Extension => Name;

    /// <inheritdoc />
    public override Declaration? Read(DeclarationEntry entry)
    {
        var signature = entry.Optional("signature");
        if (entry.Has("signature") && signature is null)
        {
            entry.Invalid("signature", string.Empty, "the text every such file starts with, such as '%PDF-'");
        }
        else if (signature is not null && Bytes(signature) is null)
        {
            entry.Invalid("signature", signature, "text of one-byte characters, with \\xNN for any other byte (such as 'PK\\x03\\x04')");
        }

        return new FileDeclaration(
            entry.Identifier("helper"),
            entry.Required("describe"),
            signature is null ? null : Bytes(signature),
            entry.OptionalIdentifier("base64"),
            entry.Places);
    }

    /// <summary>
    /// The bytes a signature names: each character is a byte, and <c>\xNN</c> (two hex digits) the
    /// byte NN, so a header with control bytes can be written in a single-quoted YAML string, which
    /// NSwag's reading of the spec takes as it is. <see langword="null"/> when it names no bytes.
    /// </summary>
    public static string? Bytes(string signature)
    {
        var bytes = new System.Text.StringBuilder(signature.Length);
        for (var i = 0; i < signature.Length; i++)
        {
            var c = signature[i];
            if (c == '\\' && i + 3 < signature.Length && signature[i + 1] == 'x'
                && int.TryParse(signature.Substring(i + 2, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                bytes.Append((char)value);
                i += 3;
            }
            else if (c > '\u00FF')
            {
                return null;
            }
            else
            {
                bytes.Append(c);
            }
        }

        return bytes.Length == 0 ? null : bytes.ToString();
    }
}
