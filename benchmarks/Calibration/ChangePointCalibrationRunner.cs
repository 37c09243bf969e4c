using System.Diagnostics;
using System.Globalization;
using System.Text;
using PerfGate.Core.Statistics;

namespace PerfGate.Benchmarks.Calibration;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --changepoint-calibration [--series N]</c>: the change-point
/// detector's detection and false-step rates over seeded synthetic series (steps, spikes, drifts, plain noise), the
/// table docs/how-the-gate-decides.md quotes. Deterministic: the same build prints the same figures.
/// </summary>
internal static class ChangePointCalibrationRunner
{
    public const ulong Seed = 20261202;

    public static int Run(string[] args)
    {
        var series = 500;
        if (args is ["--series", var text] && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out series) || series <= 0))
        {
            Console.Error.WriteLine($"PerfGate.Benchmarks: --series must be a positive whole number (got '{text}')");
            return 2;
        }
        else if (args.Length > 0 && args is not ["--series", _])
        {
            Console.Error.WriteLine("PerfGate.Benchmarks: usage: --changepoint-calibration [--series N]");
            return 2;
        }

        Console.Write(Table(series, out var elapsed));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"({series} series per scenario, seed {Seed}, {elapsed.TotalSeconds:0.0} s)"));
        return 0;
    }

    public static string Table(int series, out TimeSpan elapsed)
    {
        var clock = Stopwatch.StartNew();
        var sb = new StringBuilder();
        sb.AppendLine("| Scenario (40 runs) | Detection rate | False-step rate |");
        sb.AppendLine("|:--|--:|--:|");
        var i = 0UL;
        foreach (var scenario in ChangePointCalibration.StandardScenarios)
        {
            var f = ChangePointCalibration.Run(scenario, series, Seed + i++);
            var detection = double.IsNaN(f.DetectionRate) ? "–" : f.DetectionRate.ToString("0.0%", CultureInfo.InvariantCulture);
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {scenario.Name} | {detection} | {f.FalseStepRate:0.0%} |"));
        }

        elapsed = clock.Elapsed;
        return sb.ToString();
    }
}
