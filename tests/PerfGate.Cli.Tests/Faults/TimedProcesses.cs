namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// Tests that time real processes (GitHub bounds, busy timeouts) share one xunit collection with the four-writer test,
/// so they never run beside it: on a 2-core machine 4 concurrent writers would eat the slack the timings allow.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TimedProcesses
{
    public const string Name = "Faults: timed processes";
}
