namespace Strategy.Generated;

/// <summary>
/// A value given for an operation's parameter (or its body) that the spec does not allow: nothing
/// was sent. <see cref="ArgumentException.ParamName"/> is the parameter as the spec names it, so a
/// command line or a cmdlet can name its own option for it.
/// </summary>
public sealed class StrategyOperationArgumentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">The operation called.</param>
    /// <param name="parameter">The parameter as the spec names it (<c>body</c> for the request body).</param>
    /// <param name="message">What is wrong, in the spec's terms.</param>
    public StrategyOperationArgumentException(StrategyOperation operation, string parameter, string message)
        : base(message + " Nothing was sent.", parameter)
    {
        ArgumentNullException.ThrowIfNull(operation);
        OperationId = operation.OperationId;
    }

    /// <summary>The operation called.</summary>
    public string OperationId { get; }
}
