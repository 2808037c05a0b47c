namespace Strategy.Generated;

/// <summary>What a grant or a revoke left one trustee with, read from the server's answer to it.</summary>
public sealed class StrategyTrusteeOutcome
{
    internal StrategyTrusteeOutcome(string trusteeId, string? trusteeName, bool asAsked, string detail)
    {
        TrusteeId = trusteeId;
        TrusteeName = ServerText.Clean(trusteeName, 100);
        AsAsked = asAsked;
        Detail = ServerText.Clean(detail, 300) ?? string.Empty;
    }

    /// <summary>The user or group.</summary>
    public string TrusteeId { get; }

    /// <summary>Its name, when the answer gave one.</summary>
    public string? TrusteeName { get; }

    /// <summary>Whether the server's answer shows the trustee as asked (granted, or revoked).</summary>
    public bool AsAsked { get; }

    /// <summary>What the answer shows, in words, or the server's reason.</summary>
    public string Detail { get; }

    /// <summary>One line: the trustee and what the answer shows.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{TrusteeName ?? TrusteeId} ({TrusteeId}): {(AsAsked ? string.Empty : "NOT AS ASKED, ")}{Detail}";
}
