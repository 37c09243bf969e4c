using System.Collections.Immutable;

namespace PerfGate.Core.History;

/// <summary>Shape of a <see cref="SyntheticHistory"/>.</summary>
public sealed record SyntheticHistoryOptions
{
    public ImmutableArray<string> Branches { get; init; } = ["main"];

    public DateTimeOffset Start { get; init; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    public int Launches { get; init; } = 3;

    public int ValuesPerLaunch { get; init; } = 5;

    public int Seed { get; init; } = 42;
}
