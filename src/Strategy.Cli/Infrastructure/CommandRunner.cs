using Strategy.Generated;
using Strategy.Shared;
using System.CommandLine;
using Newtonsoft.Json;

namespace Strategy.Cli.Infrastructure;

/// <summary>Runs a command's action with a session, and turns every failure into a message and an exit code.</summary>
internal sealed class CommandRunner(GlobalOptions options, CliConsole console, CliInterruption interruption)
{
    /// <summary>The time limit of a command without <c>--timeout</c>: the library's default for a workflow.</summary>
    private static readonly double DefaultTimeoutSeconds = StrategyWaitOptions.Default.Timeout.TotalSeconds;

    public GlobalOptions Options => options;

    public CliConsole Console => console;

    /// <param name="command">The command.</param>
    /// <param name="action">What it does with a session.</param>
    /// <param name="emulatorByDefault">Whether it works on the embedded emulator when no server is given (demo); every other command needs a server or --emulator.</param>
    /// <param name="withoutSession">What the command does before any session is opened, or nothing (<see langword="null"/> answered): a dry run answers its exit code here, and nothing is sent.</param>
    public void SetAction(Command command, Func<ParseResult, CliSession, CancellationToken, Task<int>> action, bool emulatorByDefault = false, Func<ParseResult, int?>? withoutSession = null)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var verbose = parseResult.GetValue(options.Verbose);
            using var trace = parseResult.GetValue(options.Trace) ? new TraceRecorder() : null;
            try
            {
                // One limit bounds the whole command: the login, every call and every wait end by then, typed.
                // (A value out of range is reported by the session, in its words.)
                if (withoutSession?.Invoke(parseResult) is { } done)
                {
                    return done;
                }

                var seconds = parseResult.GetValue(options.Timeout) ?? DefaultTimeoutSeconds;
                using var limit = seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? StrategyTimeLimit.Begin(TimeSpan.FromSeconds(seconds)) : null;
                await using var session = await CliSession.OpenAsync(parseResult, options, console, interruption, emulatorByDefault, cancellationToken);
                return await action(parseResult, session, cancellationToken);
            }
            catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
            {
                // Work the interrupt stopped on the server (a cube publish job) says so itself.
                if (ex is StrategyWorkCancelledException stopped)
                {
                    console.Error.WriteLine(ServerText.Clean(stopped.Message, 2000));
                }

                // What the interrupt did on the server, and what it could not stop there.
                var released = interruption.Released.Select(r => $"{r.Resource} {r.ResourceId}").ToList();
                var mayRun = ex is StrategyWorkCancelledException { CancelledOnServer: false };
                var goingOn = interruption.GoingOn;

                // "Nothing is held" only when nothing goes on either: work that cannot be stopped is said instead.
                console.Error.WriteLine((interruption.Held.Count, released.Count, goingOn.Count) switch
                {
                    (0, _, _) when mayRun => "Cancelled; the work above may still be running on the server (strategy jobs list shows what runs).",
                    (0, 0, 0) => "Cancelled; nothing is held on the server.",
                    (0, _, 0) => $"Cancelled; deleted {string.Join(", ", released)}: nothing is held on the server.",
                    (0, 0, _) => "Cancelled; this command holds nothing on the server, but the work it started goes on there:",
                    (0, _, _) => $"Cancelled; deleted {string.Join(", ", released)}, but the work it started goes on on the server:",
                    _ => $"Cancelled; left on the server: {string.Join(", ", interruption.Held.Select(h => $"{h.Resource} {h.ResourceId}"))}.",
                });
                foreach (var work in goingOn)
                {
                    console.Error.WriteLine($"  {work}.");
                }

                return interruption.ExitCode;
            }
            catch (Exception ex) when (Failure.Of(ex) is { } failure)
            {
                return Fail(ExitCodes.For(failure.Class), failure.Message + Hint(failure, ex, parseResult), ex, verbose);
            }
            finally
            {
                trace?.Print(console.Error);
            }
        });
    }

    /// <summary>What to do about a failure, in this command's terms (its options), when the failure suggests it.</summary>
    private string Hint(Failure failure, Exception exception, ParseResult parseResult)
    {
        if (failure.WrongAddress)
        {
            return " Check --base-url (or STRATEGY_BASE_URL): it is the Library's address, such as https://host/MicroStrategyLibrary.";
        }

        // A server that serves HTTPS on the port closes a plain-HTTP connection without a word.
        var transport = exception as HttpRequestException ?? exception.InnerException as HttpRequestException;
        return transport is { HttpRequestError: HttpRequestError.ResponseEnded } && ServerOf(parseResult) is { Scheme: "http" }
            ? " (the connection was closed without an answer; if the server serves HTTPS, use an https:// address)"
            : string.Empty;
    }

    private Uri? ServerOf(ParseResult parseResult) =>
        Uri.TryCreate(parseResult.GetValue(options.BaseUrl) ?? console.GetEnvironmentVariable("STRATEGY_BASE_URL"), UriKind.Absolute, out var server) ? server : null;

    /// <summary>Prints a result: as JSON with --json, else as the given text.</summary>
    public static void Print(CliSession session, object? result, string text)
    {
        session.Console.Out.WriteLine(session.Json ? JsonOutput.Of(result) : text);
    }

    private int Fail(int exitCode, string message, Exception exception, bool verbose)
    {
        console.Error.WriteLine($"error: {message}");
        if (verbose)
        {
            console.Error.WriteLine(exception.ToString());
        }

        return exitCode;
    }
}
