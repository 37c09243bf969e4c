namespace PerfGate.Core.Operations;

/// <summary>
/// A reporting window over the history: runs recorded after <see cref="From"/> and up to and including
/// <see cref="To"/> — <c>(now − N days, now]</c>, so <c>--days 7</c> with one run a day holds exactly seven runs,
/// today's included and the one exactly seven days ago excluded. Daily aggregates (what retention keeps of pruned
/// days) count when their UTC day is on or after <see cref="From"/>'s day.
/// </summary>
public sealed record HistoryWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The last <paramref name="days"/> days up to <paramref name="now"/>.</summary>
    public static HistoryWindow LastDays(DateTimeOffset now, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        return new HistoryWindow(now - TimeSpan.FromDays(days), now);
    }

    /// <summary>The history stores times in milliseconds and reads <c>from &lt;= t &lt; to</c>: these bounds give <c>(From, To]</c>.</summary>
    public DateTimeOffset StoreFrom => From + TimeSpan.FromMilliseconds(1);

    /// <inheritdoc cref="StoreFrom"/>
    public DateTimeOffset StoreTo => To + TimeSpan.FromMilliseconds(1);

    public bool Contains(DateTimeOffset time) => time > From && time <= To;

    /// <summary>Whether a daily aggregate of <paramref name="day"/> belongs to the window.</summary>
    public bool Contains(DateOnly day) =>
        day >= DateOnly.FromDateTime(From.UtcDateTime) && day <= DateOnly.FromDateTime(To.UtcDateTime);
}
