using System.Collections.Immutable;

namespace PerfGate.Core.Statistics;

/// <summary>What a synthetic series holds besides noise.</summary>
public enum SyntheticShape
{
    /// <summary>Noise around one level.</summary>
    Flat,

    /// <summary>A lasting step of <see cref="SyntheticScenario.Percent"/> at a random run in the middle half.</summary>
    Step,

    /// <summary>One run <see cref="SyntheticScenario.Percent"/> off, the level unchanged.</summary>
    Spike,

    /// <summary>A straight-line rise of <see cref="SyntheticScenario.Percent"/> across the whole series.</summary>
    Drift,
}

/// <summary>A family of synthetic main-branch series: <see cref="Runs"/> log values with Gaussian noise of <see cref="NoisePercent"/> (standard deviation).</summary>
public sealed record SyntheticScenario(string Name, SyntheticShape Shape, double Percent, double NoisePercent, int Runs)
{
    /// <summary>One series of the family, oldest first, with the index of its true step (−1 when it has none).</summary>
    public (ImmutableArray<double> LogValues, int StepAt) Draw(SplitMix64 random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sigma = Math.Log(1 + (NoisePercent / 100));
        var shift = Math.Log(1 + (Percent / 100));
        var at = Shape is SyntheticShape.Step or SyntheticShape.Spike ? (Runs / 4) + random.NextInt(Runs / 2) : -1;
        var values = ImmutableArray.CreateBuilder<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var level = Shape switch
            {
                SyntheticShape.Step when i >= at => shift,
                SyntheticShape.Spike when i == at => shift,
                SyntheticShape.Drift => shift * i / (Runs - 1),
                _ => 0,
            };
            values.Add(Math.Log(1000) + level + (sigma * random.NextGaussian()));
        }

        return (values.MoveToImmutable(), Shape == SyntheticShape.Step ? at : -1);
    }
}

/// <summary>How often the detector found the true step (within <see cref="ChangePointCalibration.Tolerance"/> runs, right direction) and how often it reported a step that was not there.</summary>
public sealed record CalibrationFigures(SyntheticScenario Scenario, int Series, int Detected, int FalseSteps)
{
    public double DetectionRate => Scenario.Shape == SyntheticShape.Step ? (double)Detected / Series : double.NaN;

    /// <summary>Series with at least one reported step that is not the true one.</summary>
    public double FalseStepRate => (double)FalseSteps / Series;
}

/// <summary>Runs the change-point detector over seeded synthetic series: the figures docs/how-the-gate-decides.md quotes. Pure.</summary>
public static class ChangePointCalibration
{
    /// <summary>How far (in runs) a found step may sit from the true one and still count as found.</summary>
    public const int Tolerance = 2;

    public static ImmutableArray<SyntheticScenario> StandardScenarios { get; } =
    [
        new("noise 3%, no change", SyntheticShape.Flat, 0, 3, 40),
        new("noise 8%, no change", SyntheticShape.Flat, 0, 8, 40),
        new("step +10%, noise 3%", SyntheticShape.Step, 10, 3, 40),
        new("step +20%, noise 3%", SyntheticShape.Step, 20, 3, 40),
        new("step -15%, noise 3%", SyntheticShape.Step, -15, 3, 40),
        new("step +20%, noise 8%", SyntheticShape.Step, 20, 8, 40),
        new("step +7%, noise 3%", SyntheticShape.Step, 7, 3, 40),
        new("one-run spike +50%, noise 3%", SyntheticShape.Spike, 50, 3, 40),
        new("drift +15% over 40 runs, noise 3%", SyntheticShape.Drift, 15, 3, 40),
        new("drift +30% over 40 runs, noise 3%", SyntheticShape.Drift, 30, 3, 40),
    ];

    public static CalibrationFigures Run(SyntheticScenario scenario, int series, ulong seed, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var random = new SplitMix64(seed);
        int detected = 0, falseSteps = 0;
        for (var s = 0; s < series; s++)
        {
            var (values, at) = scenario.Draw(random);
            var steps = ChangePointDetector.Detect(values, options).Steps;
            var found = at >= 0 && steps.Any(c => Math.Abs(c.Index - at) <= Tolerance && Math.Sign(c.Percent) == Math.Sign(scenario.Percent));
            detected += found ? 1 : 0;
            falseSteps += steps.Any(c => at < 0 || Math.Abs(c.Index - at) > Tolerance) ? 1 : 0;
        }

        return new CalibrationFigures(scenario, series, detected, falseSteps);
    }
}
