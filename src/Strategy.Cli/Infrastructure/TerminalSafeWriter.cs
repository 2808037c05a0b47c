using System.Text;

namespace Strategy.Cli.Infrastructure;

/// <summary>
/// What the command prints, with every control character but line breaks and tabs removed: names
/// and messages a server stored cannot set the terminal's title, clear the screen or move the
/// cursor. The command's own line redraw goes through <see cref="RedrawLine"/>.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <summary>The writer this one guards.</summary>
    public TextWriter Inner => inner;

    /// <inheritdoc />
    public override void Write(char value)
    {
        if (IsSafe(value))
        {
            inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        inner.Write(value.All(IsSafe) ? value : new string(value.Where(IsSafe).ToArray()));
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    /// <inheritdoc />
    public override void WriteLine() => inner.WriteLine();

    /// <inheritdoc />
    public override void Flush() => inner.Flush();

    /// <summary>Redraws the current line of a terminal with <paramref name="text"/> (cleaned like the rest).</summary>
    public void RedrawLine(string text)
    {
        inner.Write('\r');
        Write(text);
    }

    private static bool IsSafe(char c) => c is '\n' or '\t' || Generated.ServerText.IsShowable(c);
}
