using System.Text;

namespace Strategy.Cli.Infrastructure;

/// <summary>Where the command writes and what it knows of its environment; tests give it their own.</summary>
internal sealed class CliConsole
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>Whether progress may redraw one line (stderr is a terminal), or must print plain lines.</summary>
    public bool ProgressIsLive { get; init; }

    /// <summary>Whether a password may be asked for.</summary>
    public bool CanPrompt { get; init; }

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    public static CliConsole System => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        ProgressIsLive = !Console.IsErrorRedirected,
        CanPrompt = !Console.IsInputRedirected && !Console.IsErrorRedirected,
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
