namespace PerfGate.Core.Tests.GitHub;

/// <summary>
/// A clock that real time drives and recorded waits advance: the connection's budget sees the waits it asked for
/// without the test sleeping through them.
/// </summary>
internal sealed class TestClock : TimeProvider
{
    private readonly DateTimeOffset _start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly global::System.Diagnostics.Stopwatch _real = global::System.Diagnostics.Stopwatch.StartNew();
    private long _advancedTicks;

    public List<TimeSpan> Delays { get; } = [];

    public override DateTimeOffset GetUtcNow() => _start + _real.Elapsed + TimeSpan.FromTicks(Interlocked.Read(ref _advancedTicks));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _real.Elapsed.Ticks + Interlocked.Read(ref _advancedTicks);

    /// <summary>Pass as the connection's delay function.</summary>
    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        lock (Delays)
        {
            Delays.Add(delay);
        }

        Interlocked.Add(ref _advancedTicks, delay.Ticks);
        return Task.CompletedTask;
    }
}
