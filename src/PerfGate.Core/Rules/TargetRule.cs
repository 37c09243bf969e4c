using System.Globalization;
using PerfGate.Core.Configuration;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Tier 1: an absolute budget (seeds' performance_targets: target, warning level, error level). Beyond the error
/// level is an error, beyond target + criticalFactor × (error − target) critical (the seeds' "1.5× the error
/// margin"); both break the error budget and fail the build. Larger-is-better budgets mirror this.
/// </summary>
internal static class TargetRule
{
    public static Finding Judge(TargetOptions target, string metric, double current, string unit, double criticalFactor)
    {
        var sign = target.BiggerIsBetter ? -1 : 1;
        var over = sign * (current - target.Target);
        var error = target.Error;
        var warning = target.Warning;
        Severity severity;
        if (error is { } e && sign * (current - e) > 0)
        {
            var margin = sign * (e - target.Target);
            severity = over > criticalFactor * margin && margin > 0 ? Severity.Critical : Severity.Error;
        }
        else if (warning is { } w && sign * (current - w) > 0)
        {
            severity = Severity.Warning;
        }
        else if (error is null && warning is null && over > 0)
        {
            severity = Severity.Warning;
        }
        else
        {
            severity = Severity.Ok;
        }

        var relation = severity == Severity.Ok ? "within" : "over";
        var levels = string.Join(", ", new[]
        {
            $"target {Format(target.Target, unit)}",
            warning is { } wl ? $"warning {Format(wl, unit)}" : null,
            error is { } el ? $"error {Format(el, unit)}" : null,
        }.OfType<string>());
        return new Finding
        {
            Tier = Tier.Target,
            Severity = severity,
            Metric = metric,
            Message = $"{target.Name ?? metric}: {Format(current, unit)}, {relation} budget ({levels})",
            Fails = severity >= Severity.Error,
            Current = current,
            Expected = target.Target,
            ChangePercent = target.Target != 0 ? (current / target.Target - 1) * 100 : null,
        };
    }

    internal static string Format(double value, string unit) => unit == "ns"
        ? Units.Time(value)
        : string.Create(CultureInfo.InvariantCulture, $"{value:0.####} {unit}");
}
