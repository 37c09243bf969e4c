using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Deterministic figures (allocated bytes per operation, domain counts) move exactly with the code, so they need
/// no statistics: inside the tolerance is no change; beyond it the change thresholds apply as they are.
/// </summary>
internal static class ExactRule
{
    public static Finding? Judge(
        string metric,
        string unit,
        double baseline,
        double current,
        bool biggerIsBetter,
        ExactOptions exact,
        double warningPercent,
        double failPercent,
        double criticalFactor)
    {
        if (!exact.Enabled || !double.IsFinite(baseline) || !double.IsFinite(current))
        {
            return null;
        }

        if (exact.Tolerates(baseline, current))
        {
            return null;
        }

        var diff = current - baseline;

        var worse = biggerIsBetter ? -diff : diff;
        double? percent = baseline != 0 ? worse / Math.Abs(baseline) * 100 : null;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{metric}: {Format(baseline, unit)} → {Format(current, unit)}{(percent is { } p ? $" ({p:+0.0;-0.0}%{(biggerIsBetter ? ", bigger is better" : "")})" : "")}");

        Severity severity;
        if (worse <= 0)
        {
            severity = Severity.Ok;
            text += ", an improvement";
        }
        else if (percent is null)
        {
            severity = Severity.Warning;
            text += ", was zero";
        }
        else if (percent > failPercent * criticalFactor)
        {
            severity = Severity.Critical;
        }
        else if (percent > failPercent)
        {
            severity = Severity.Error;
        }
        else if (percent > warningPercent)
        {
            severity = Severity.Warning;
        }
        else
        {
            severity = Severity.Ok;
            text += ", under the warning threshold";
        }

        var fails = severity >= Severity.Error && exact.FailOnRegression;
        if (severity >= Severity.Error && !fails)
        {
            severity = Severity.Warning;
        }

        return new Finding
        {
            Tier = Tier.Exact,
            Severity = severity,
            Metric = metric,
            Message = text + (fails ? "; deterministic, so no noise can explain it" : ""),
            Fails = fails,
            Current = current,
            Expected = baseline,
            ChangePercent = percent,
        };
    }

    private static string Format(double value, string unit) =>
        unit == "B" ? string.Create(CultureInfo.InvariantCulture, $"{value:0.##} B") : string.Create(CultureInfo.InvariantCulture, $"{value:0.####} {unit}");
}
