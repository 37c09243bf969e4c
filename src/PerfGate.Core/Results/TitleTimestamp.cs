using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// BenchmarkDotNet's <c>Title</c> ends with the run's start, <c>-yyyyMMdd-HHmmss</c>, in the machine's local time with
/// no zone; it is read as if it were UTC, which is right on CI runners and off by the zone on a laptop.
/// </summary>
internal static partial class TitleTimestamp
{
    public static DateTimeOffset? Parse(string? title)
    {
        if (title is null)
        {
            return null;
        }

        var match = Suffix().Match(title);
        if (!match.Success)
        {
            return null;
        }

        return DateTime.TryParseExact(match.Groups["d"].Value + match.Groups["t"].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(@"-(?<d>\d{8})-(?<t>\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Suffix();
}
