using System.Collections.Immutable;
using System.Globalization;

namespace PerfGate.Benchmarks.Calibration;

/// <summary>
/// How the gate is calibrated on real runs (issue: "verdict quality"): record <see cref="MainRuns"/> unchanged runs
/// as main's history (the first is also the committed baseline), then judge pull-request runs, each with a known
/// share of extra work injected through <c>PERFGATE_SAMPLE_EXTRA_WORK</c>: <see cref="Levels"/> in percent, 0 meaning unchanged.
/// </summary>
internal sealed record CalibrationPlan(int MainRuns, ImmutableArray<int> Levels, string OutputDirectory)
{
    public static CalibrationPlan Parse(IReadOnlyList<string> args, string defaultOutput)
    {
        var mainRuns = 6;
        ImmutableArray<int> levels = [0, 0, 0, 5, 10, 20, 30, 50];
        var output = defaultOutput;
        for (var i = 0; i < args.Count - 1; i++)
        {
            switch (args[i])
            {
                case "--main-runs":
                    mainRuns = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
                    break;
                case "--levels":
                    levels = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
                    break;
                case "--calibration-output":
                    output = args[i + 1];
                    break;
            }
        }

        return new CalibrationPlan(mainRuns, levels, output);
    }
}
