namespace PerfGate.Cli.Tests;

/// <summary>A clock that shows real time until <see cref="Now"/> is set, then stays where the test puts it.</summary>
public sealed class ManualClock : TimeProvider
{
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? DateTimeOffset.UtcNow;
}
