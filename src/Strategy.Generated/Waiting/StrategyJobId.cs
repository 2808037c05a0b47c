using System.Globalization;
using System.Text;

namespace Strategy.Generated;

/// <summary>
/// A job's composite id as the monitor answers it: its number on its node, a colon, and the
/// node's name in base64 (<c>478:RU5WLTI4MjA0MExBSU9VU0Ux</c> is job 478 on <c>ENV-282040LAIOUSE1</c>).
/// </summary>
public static class StrategyJobId
{
    /// <summary>The job's number, or <see langword="null"/> when the id does not start with one.</summary>
    /// <param name="jobId">The composite id, or a bare number.</param>
    /// <returns>The number.</returns>
    public static long? NumberOf(string? jobId)
    {
        var text = jobId is null ? null : (jobId.IndexOf(':') is var colon and >= 0 ? jobId.Substring(0, colon) : jobId);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>The name of the node the job runs on, or <see langword="null"/> when the id does not carry one.</summary>
    /// <param name="jobId">The composite id.</param>
    /// <returns>The node's name.</returns>
    public static string? NodeOf(string? jobId)
    {
        var colon = jobId?.IndexOf(':') ?? -1;
        if (colon < 0)
        {
            return null;
        }

        try
        {
            var name = Encoding.UTF8.GetString(Convert.FromBase64String(jobId!.Substring(colon + 1)));
            return name.Length == 0 ? null : name;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The composite id of job <paramref name="number"/> on <paramref name="node"/>.</summary>
    /// <param name="number">The job's number.</param>
    /// <param name="node">The node's name.</param>
    /// <returns>The composite id.</returns>
    public static string Compose(long number, string node) =>
        number.ToString(CultureInfo.InvariantCulture) + ":" + Convert.ToBase64String(Encoding.UTF8.GetBytes(node));
}
