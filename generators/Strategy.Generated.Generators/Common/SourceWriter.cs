using System.Text;

namespace Strategy.Generated.Generators.Common;

/// <summary>Writes indented C# source, one line at a time.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }

        _builder.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public SourceWriter Doc(string summary)
    {
        Line("/// <summary>");
        foreach (var line in Literals.Lines(summary))
        {
            Line("/// " + line);
        }

        return Line("/// </summary>");
    }

    public override string ToString() => _builder.ToString();
}
