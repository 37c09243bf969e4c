using System.Diagnostics;

namespace PerfGate.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var started = Stopwatch.GetTimestamp();
        StageTimings.MainEntered();
        var code = PerfGateApp.Run(args, CliEnvironment.FromProcess());

        // For the gate-speed measurement (benchmarks -- --gate-speed): the process's own wall time and peak memory.
        if (Environment.GetEnvironmentVariable("PERFGATE_PRINT_RESOURCES") == "1")
        {
            using var self = Process.GetCurrentProcess();
            Console.Error.WriteLine(FormattableString.Invariant(
                $"perfgate-resources: elapsed_ms={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} peak_working_set_mb={self.PeakWorkingSet64 / (1024.0 * 1024.0):0.0}"));
        }

        StageTimings.Print(Console.Error);
        return code;
    }
}
