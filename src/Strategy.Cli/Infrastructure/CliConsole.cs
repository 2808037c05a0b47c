using System.Text;

namespace Strategy.Cli.Infrastructure;

/// <summary>Where the command writes and what it knows of its environment; tests give it their own.</summary>
internal sealed class CliConsole
{
    /// <summary>
    /// This console with both writers guarded (<see cref="TerminalSafeWriter"/>): whatever the
    /// command prints, a server's text among it, reaches the terminal without control characters.
    /// </summary>
    public CliConsole Guarded() => Out is TerminalSafeWriter && Error is TerminalSafeWriter
        ? this
        : new CliConsole
        {
            Out = Out as TerminalSafeWriter ?? new TerminalSafeWriter(Out),
            Error = Error as TerminalSafeWriter ?? new TerminalSafeWriter(Error),
            ProgressIsLive = ProgressIsLive,
            CanPrompt = CanPrompt,
            GetEnvironmentVariable = GetEnvironmentVariable,
            OpenStandardOutput = OpenStandardOutput,
            OpenStandardInput = OpenStandardInput,
        };

    /// <summary>Redraws the current line of stderr (a terminal's progress line), the text cleaned like everything else.</summary>
    public void RedrawLine(string text) => (Error as TerminalSafeWriter ?? new TerminalSafeWriter(Error)).RedrawLine(text);

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Whether progress may redraw one line (stderr is a terminal), or must print plain lines.</summary>
    public bool ProgressIsLive { get; init; }

    /// <summary>Whether a password may be asked for.</summary>
    public bool CanPrompt { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// Opens stdout for a file's bytes (<c>-o -</c>), or <see langword="null"/> when stdout is a terminal:
    /// a file, the server's bytes, never reaches a terminal raw.
    /// </summary>
    public Func<Stream>? OpenStandardOutput { get; init; }

    /// <summary>Standard input, for what a command reads from it (<c>--body -</c>).</summary>
    public Func<TextReader> OpenStandardInput { get; init; } = static () => TextReader.Null;

    public static CliConsole System => new()
    {
        Out = new TerminalSafeWriter(Console.Out),
        Error = new TerminalSafeWriter(Console.Error),
        ProgressIsLive = !Console.IsErrorRedirected,
        CanPrompt = !Console.IsInputRedirected && !Console.IsErrorRedirected,
        OpenStandardOutput = Console.IsOutputRedirected ? Console.OpenStandardOutput : null,
        OpenStandardInput = static () => Console.In,
    };

    /// <summary>Reads a password without echoing it.</summary>
    public string ReadHiddenLine(string prompt)
    {
        Error.Write(prompt);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Error.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}
