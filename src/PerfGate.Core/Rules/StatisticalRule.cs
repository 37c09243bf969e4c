using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Tier 2: a change judged against run-to-run noise. A failing finding needs all of: the point change above the
/// fail threshold, the suite-corrected minimum-effect test significant (the slowdown exceeds the warning threshold
/// beyond noise), more than the absolute noise floor in nanoseconds, and for the baseline comparison a matching
/// machine fingerprint; the history comparison also needs the seeds' confidence (n / window) at or above the high
/// band. Anything short of that is at most a warning, and a warning itself needs the change to be significant
/// (Benjamini–Hochberg across the suite); a large change inside the noise is information, not an alert.
/// </summary>
internal static class StatisticalRule
{
    public static Finding? Judge(
        Tier tier,
        ChangeTest test,
        double failP,
        double warnP,
        double improvementP,
        BenchmarkCase c,
        double referenceNs,
        double currentNs,
        double alpha,
        GateOptions options,
        bool canFail,
        string? cannotFailReason)
    {
        var change = test.ChangePercent;
        var (lower, upper) = test.IntervalPercent(0.95);
        var critical = c.FailPercent * options.Thresholds.CriticalFactor;
        var aboveFloor = Math.Abs(currentNs - referenceNs) >= options.Statistics.NoiseFloorNanoseconds;
        var against = tier == Tier.Baseline ? "the baseline" : "the history median";
        var ci = string.Create(CultureInfo.InvariantCulture, $"95% CI {lower:+0.0;-0.0}% … {upper:+0.0;-0.0}%");

        if (change > c.FailPercent && failP < alpha && aboveFloor)
        {
            var severity = change > critical ? Severity.Critical : Severity.Error;
            if (!canFail)
            {
                return Make(Severity.Warning, false, string.Create(CultureInfo.InvariantCulture,
                    $"{change:+0.0}% slower than {against} ({ci}), beyond noise, but it cannot fail the build: {cannotFailReason}"));
            }

            return Make(severity, true, string.Create(CultureInfo.InvariantCulture,
                $"{change:+0.0}% slower than {against} ({ci}); the slowdown exceeds {c.WarningPercent:0.#}% beyond run-to-run noise (p = {failP:0.####} after the suite-wide correction)"));
        }

        if (change > c.FailPercent && aboveFloor)
        {
            // Not significant: saying "warning" here would cry wolf on every noisy benchmark. It is recorded as
            // information, and the verdict's minimum detectable change says how much this benchmark can tell.
            return Make(Severity.Ok, false, string.Create(CultureInfo.InvariantCulture,
                $"{change:+0.0}% slower than {against}, but within run-to-run noise ({ci}); not a regression the noise lets the gate confirm"));
        }

        if (change > c.WarningPercent && warnP < alpha && aboveFloor)
        {
            return Make(Severity.Warning, false, string.Create(CultureInfo.InvariantCulture,
                $"{change:+0.0}% slower than {against} ({ci}), under the {c.FailPercent:0.#}% fail threshold"));
        }

        if (change < -c.WarningPercent && improvementP < alpha && aboveFloor)
        {
            return Make(Severity.Ok, false, string.Create(CultureInfo.InvariantCulture,
                $"{-change:0.0}% faster than {against} ({ci})"));
        }

        return null;

        Finding Make(Severity severity, bool fails, string message) => new()
        {
            Tier = tier,
            Severity = severity,
            Metric = "time",
            Message = message,
            Fails = fails,
            Current = currentNs,
            Expected = referenceNs,
            ChangePercent = change,
            PValue = fails ? failP : warnP,
        };
    }
}
