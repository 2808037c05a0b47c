namespace Strategy.Shared;

/// <summary>Messages in the user's terms: an argument error never names a method's parameter.</summary>
internal static class UserMessages
{
    /// <summary>The exception's message without the " (Parameter 'name')" .NET appends.</summary>
    public static string Of(ArgumentException exception) =>
        exception.ParamName is { } parameter ? exception.Message.Replace($" (Parameter '{parameter}')", string.Empty) : exception.Message;
}
