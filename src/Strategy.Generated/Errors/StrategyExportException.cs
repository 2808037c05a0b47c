namespace Strategy.Generated;

/// <summary>
/// An export could not be written from what the server answered: a page that does not fit its
/// definition, a grid shape the export does not read, or a file that is not the file. Nothing is
/// left under the destination's final name by the command line.
/// </summary>
public sealed class StrategyExportException : StrategyException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="export">What was exported, such as "report 5F2E…".</param>
    /// <param name="reason">What was wrong, in the user's terms.</param>
    /// <param name="innerException">The cause, if any.</param>
    public StrategyExportException(string export, string reason, Exception? innerException = null)
        : base($"The export of {export} failed: {reason}", innerException)
    {
        Export = export;
    }

    /// <summary>What was exported.</summary>
    public string Export { get; }
}
