using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Tier 2: a change judged against its noise. A failing finding needs all of: the point change above the fail
/// threshold, the suite-corrected minimum-effect test significant (the slowdown exceeds the warning threshold beyond
/// noise), more than the absolute noise floor in nanoseconds, and the comparison being the benchmark's deciding one
/// with nothing that stops it failing (a machine mismatch, a short history). A possible slowdown above the fail
/// threshold that the noise does not let the gate confirm is a warning ("undecided"), never a quiet pass; so is one
/// that only the runner-shift correction took below the threshold. Messages carry no p-value: the finding does, and
/// the renderers print it once.
/// </summary>
internal static class StatisticalRule
{
    public static Finding? Judge(CorrectedComparison corrected, BenchmarkEvidence e, GateOptions options, double alpha, double perTestAlpha)
    {
        var c = corrected.Comparison;
        var test = c.Test;
        var change = test.ChangePercent;
        var measured = (Math.Exp(c.MeasuredLogChange) - 1) * 100;
        var critical = e.FailPercent * options.Thresholds.CriticalFactor;
        var aboveFloor = Math.Abs(c.CurrentNs - c.ReferenceNs) >= options.Statistics.NoiseFloorNanoseconds;

        if (change > e.FailPercent && corrected.FailP < alpha && aboveFloor)
        {
            if (!c.CanFail)
            {
                var reason = c.CannotFailReason ?? "another reference decides this benchmark";
                return Make(Severity.Warning, false, corrected.FailP, $"{Shown()} slower than {c.Against} ({Ci()}), beyond noise, but it cannot fail the build: {reason}");
            }

            var severity = change > critical ? Severity.Critical : Severity.Error;
            return Make(severity, true, corrected.FailP, string.Create(CultureInfo.InvariantCulture,
                $"{Shown()} slower than {c.Against} ({Ci()}); the slowdown exceeds {e.WarningPercent:0.#}% beyond the noise{Adjusted()}"));
        }

        if (change > e.FailPercent && aboveFloor)
        {
            // Undecided. Against the same-runner base, or when the change is at least significantly above zero, that is
            // a warning: a possible slowdown above the fail threshold is never a quiet pass. A single run's change
            // that is not even significantly above zero is the noise itself: the verdict says the benchmark is noisy
            // and how large a change it can detect, rather than warn on every noisy benchmark of an unchanged suite.
            var mde = test.MinimumDetectablePercent(perTestAlpha, options.Statistics.Power, e.FailPercent);
            var warns = c.Tier == Tier.SameRunner || corrected.WarnP < alpha;
            return Make(warns ? Severity.Warning : Severity.Ok, false, corrected.WarnP, string.Create(CultureInfo.InvariantCulture,
                $"{Shown()} slower than {c.Against} ({Ci()}): possibly above the {e.FailPercent:0.#}% fail threshold, but within run-to-run noise; undecided (detects ≥ {mde:0}%){Adjusted()}"));
        }

        if (c.Adjusted && measured > e.FailPercent && aboveFloor)
        {
            return Make(Severity.Warning, false, corrected.WarnP, string.Create(CultureInfo.InvariantCulture,
                $"{measured:+0.0}% slower than {c.Against} as measured; {c.Adjustment}, which leaves {change:+0.0;-0.0}%. Only an A/B run (perfgate ab) can tell the runner from the code"));
        }

        if (change > e.WarningPercent && corrected.WarnP < alpha && aboveFloor)
        {
            return Make(Severity.Warning, false, corrected.WarnP, string.Create(CultureInfo.InvariantCulture,
                $"{Shown()} slower than {c.Against} ({Ci()}), under the {e.FailPercent:0.#}% fail threshold{Adjusted()}"));
        }

        if (change < -e.WarningPercent && corrected.ImprovementP < alpha && aboveFloor)
        {
            return Make(Severity.Ok, false, corrected.ImprovementP, string.Create(CultureInfo.InvariantCulture,
                $"{-change:0.0}% faster than {c.Against} ({Ci()})"));
        }

        return null;

        // The message parts are built only for the few comparisons that say something: a suite has thousands that do not.
        string Ci()
        {
            var (lower, upper) = test.IntervalPercent(0.95);
            return string.Create(CultureInfo.InvariantCulture, $"95% CI {lower:+0.0;-0.0}% … {upper:+0.0;-0.0}%");
        }

        string Adjusted() => c.Adjusted ? $"; judged relative to the runner: {c.Adjustment}" : "";

        string Shown() => c.Adjusted
            ? string.Create(CultureInfo.InvariantCulture, $"{measured:+0.0;-0.0}% as measured, {change:+0.0;-0.0}% after the suite's shift")
            : string.Create(CultureInfo.InvariantCulture, $"{change:+0.0}%");

        Finding Make(Severity severity, bool fails, double p, string message) => new()
        {
            Tier = c.Tier,
            Severity = severity,
            Metric = "time",
            Message = message,
            Fails = fails,
            Current = c.CurrentNs,
            Expected = c.ReferenceNs,
            ChangePercent = change,
            PValue = p,
        };
    }
}
