using System.Globalization;
using MathNet.Numerics.Distributions;
using PerfGate.Core.Configuration;
using PerfGate.Core.Statistics;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// Tier 3: a creep. Least squares over the log estimates of the recent main runs plus this run (seeds §4.1,
/// "Tier 3: Trend Analysis"); a slope significantly above zero (one-sided t-test, n − 2 degrees of freedom) whose
/// fitted rise across the window reaches the trend threshold is reported, even when each step stayed under the
/// per-PR threshold. A trend is a warning: it never fails the build by itself.
/// </summary>
internal static class TrendRule
{
    public static Finding? Judge(HistoryReference history, RunEstimate current, GateOptions options)
    {
        var trend = options.Trend;
        if (!trend.Enabled || history.Count + 1 < trend.MinimumRuns || history.Confidence < options.Statistics.LowConfidence)
        {
            return null;
        }

        var ys = history.LogValues.Append(current.LogValue).ToArray();
        var xs = Enumerable.Range(0, ys.Length).Select(i => (double)i).ToArray();
        var fit = LinearTrend.Fit(xs, ys);
        if (!(fit.SlopeStandardError > 0) || fit.Slope <= 0)
        {
            return null;
        }

        var t = fit.Slope / fit.SlopeStandardError;
        var p = 1 - StudentT.CDF(0, 1, ys.Length - 2, t);
        var risePercent = (Math.Exp(fit.Slope * (ys.Length - 1)) - 1) * 100;
        if (p >= trend.SignificanceLevel || risePercent < trend.WarningPercent)
        {
            return null;
        }

        return new Finding
        {
            Tier = Tier.Trend,
            Severity = Severity.Warning,
            Metric = "time",
            Message = string.Create(CultureInfo.InvariantCulture,
                $"creeping up: +{risePercent:0.0}% across the last {ys.Length} runs (+{(Math.Exp(fit.Slope) - 1) * 100:0.00}% per run, R² {fit.RSquared:0.00})"),
            Current = current.Value,
            Expected = Math.Exp(history.LogValues[0]),
            ChangePercent = risePercent,
            PValue = p,
        };
    }
}
