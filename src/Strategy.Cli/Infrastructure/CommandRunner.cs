using Strategy.Generated;
using Strategy.Shared;
using System.CommandLine;
using Newtonsoft.Json;

namespace Strategy.Cli.Infrastructure;

/// <summary>Runs a command's action with a session, and turns every failure into a message and an exit code.</summary>
internal sealed class CommandRunner(GlobalOptions options, CliConsole console, CliInterruption interruption)
{
    // Prints what was read as it was read: a field the server left out is not demanded on the way out.
    private static readonly JsonSerializerSettings JsonOutput = new(StrategyJson.ReadingSettings)
    {
        Formatting = Formatting.Indented,
        NullValueHandling = NullValueHandling.Ignore,
    };

    public GlobalOptions Options => options;

    public CliConsole Console => console;

    /// <param name="command">The command.</param>
    /// <param name="action">What it does with a session.</param>
    /// <param name="emulatorByDefault">Whether it works on the embedded emulator when no server is given (demo); every other command needs a server or --emulator.</param>
    public void SetAction(Command command, Func<ParseResult, CliSession, CancellationToken, Task<int>> action, bool emulatorByDefault = false)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var verbose = parseResult.GetValue(options.Verbose);
            using var trace = parseResult.GetValue(options.Trace) ? new TraceRecorder() : null;
            try
            {
                await using var session = await CliSession.OpenAsync(parseResult, options, console, interruption, emulatorByDefault, cancellationToken);
                return await action(parseResult, session, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                // The user's terms: never the name of a method's parameter.
                return Fail(ExitCodes.BadInput, UserMessages.Of(ex), ex, verbose);
            }
            catch (StrategyWaitTimeoutException ex)
            {
                return Fail(ExitCodes.Timeout, ex.Message, ex, verbose);
            }
            catch (StrategyCertificateException ex)
            {
                return Fail(ExitCodes.Certificate, ex.Message, ex, verbose);
            }
            catch (StrategyUnreachableException ex)
            {
                return Fail(ExitCodes.Unreachable, ex.Message, ex, verbose);
            }
            catch (StrategyException ex) when (ex is StrategyOperationFailedException or StrategyResourceExpiredException or StrategyNotSupportedException or StrategySubscriptionRunsFailedException)
            {
                // The server said no, in words the exception already carries.
                return Fail(ExitCodes.ServerFailure, ex.Message, ex, verbose);
            }
            catch (StrategyApiException ex)
            {
                var what = ex.ErrorCode is null ? $"HTTP {ex.StatusCode}" : $"{ex.ErrorCode} (HTTP {ex.StatusCode})";
                return Fail(ExitCodes.ServerFailure, $"the server answered {what}: {ex.ServerMessage ?? ex.Message}", ex, verbose);
            }
            catch (HttpRequestException ex)
            {
                // A server that serves HTTPS on the port closes a plain-HTTP connection without a word.
                var hint = ex.HttpRequestError == HttpRequestError.ResponseEnded && ServerOf(parseResult) is { Scheme: "http" }
                    ? " (the connection was closed without an answer; if the server serves HTTPS, use an https:// address)"
                    : string.Empty;
                return Fail(ExitCodes.Unreachable, $"the server could not be reached: {ex.Message}{hint}", ex, verbose);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Error.WriteLine(interruption.Held.Count == 0
                    ? "Cancelled; nothing was left on the server."
                    : $"Cancelled; left on the server: {string.Join(", ", interruption.Held.Select(h => $"{h.Resource} {h.ResourceId}"))}.");
                foreach (var work in interruption.GoingOn)
                {
                    console.Error.WriteLine($"Not waited for: {work} goes on on the server (a run cannot be stopped through the API).");
                }

                return interruption.ExitCode;
            }
            finally
            {
                trace?.Print(console.Error);
            }
        });
    }

    private Uri? ServerOf(ParseResult parseResult) =>
        Uri.TryCreate(parseResult.GetValue(options.BaseUrl) ?? console.GetEnvironmentVariable("STRATEGY_BASE_URL"), UriKind.Absolute, out var server) ? server : null;

    /// <summary>Prints a result: as JSON with --json, else as the given text.</summary>
    public static void Print(CliSession session, object? result, string text)
    {
        session.Console.Out.WriteLine(session.Json ? JsonConvert.SerializeObject(result, JsonOutput) : text);
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
