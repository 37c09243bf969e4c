using System.Globalization;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rules;

/// <summary>
/// The acknowledgement rule (docs/alerts.md). A failing finding (error or critical) on a series and metric whose newest
/// acknowledgement accepted the value <c>v</c> becomes a non-failing warning while the current value stays within the
/// acknowledged level: <c>current ≤ v × (1 + slack/100)</c> for smaller-is-better figures (time, allocations),
/// <c>current ≥ v × (1 − slack/100)</c> for bigger-is-better metrics. Beyond that level the finding fails as before
/// and says it exceeds what was acknowledged. Findings that do not fail are left alone. Pure.
/// </summary>
public sealed class AcknowledgementRule
{
    private readonly Dictionary<(string Series, string Metric), Acknowledgement> _newest = [];

    /// <summary>Indexes the acknowledgements: per series and metric only the newest (by time, then by alert id) is kept.</summary>
    public AcknowledgementRule(IEnumerable<Acknowledgement> acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(acknowledgements);
        foreach (var a in acknowledgements)
        {
            var key = (a.SeriesKey, a.Metric);
            if (!_newest.TryGetValue(key, out var known) || a.At > known.At || (a.At == known.At && a.AlertId > known.AlertId))
            {
                _newest[key] = a;
            }
        }
    }

    public bool IsEmpty => _newest.Count == 0;

    /// <summary>The acknowledgement that counts for a series and metric, or null.</summary>
    public Acknowledgement? Find(string seriesKey, string metric) =>
        _newest.TryGetValue((seriesKey, metric), out var a) ? a : null;

    /// <summary>The highest (or, when bigger is better, lowest) value the acknowledgement accepts.</summary>
    public static double Level(Acknowledgement acknowledgement, bool biggerIsBetter, double slackPercent)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        return biggerIsBetter
            ? acknowledgement.AcknowledgedValue * (1 - (slackPercent / 100))
            : acknowledgement.AcknowledgedValue * (1 + (slackPercent / 100));
    }

    /// <summary>The finding as the acknowledgement leaves it: downgraded to a warning when within the acknowledged level, unchanged otherwise.</summary>
    public Finding Apply(Finding finding, string seriesKey, bool biggerIsBetter, double slackPercent)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (!finding.Fails || finding.Severity < Severity.Error ||
            Find(seriesKey, finding.Metric) is not { } ack ||
            finding.Current is not { } current || !double.IsFinite(current) || !double.IsFinite(ack.AcknowledgedValue))
        {
            return finding;
        }

        var level = Level(ack, biggerIsBetter, slackPercent);
        var within = biggerIsBetter ? current >= level : current <= level;
        var who = string.Create(CultureInfo.InvariantCulture, $"alert #{ack.AlertId} by {ack.By} on {ack.At.UtcDateTime:yyyy-MM-dd}");
        var bound = string.Create(CultureInfo.InvariantCulture,
            $"{Units.Figure(finding.Metric, ack.AcknowledgedValue)} {(biggerIsBetter ? "−" : "+")} {Units.Percent(slackPercent)} = {Units.Figure(finding.Metric, level)}");
        if (within)
        {
            var notes = string.IsNullOrWhiteSpace(ack.Notes) ? "" : $": \"{ack.Notes}\"";
            return finding with
            {
                Severity = Severity.Warning,
                Fails = false,
                AcknowledgedAlertId = ack.AlertId,
                Message = $"acknowledged as {who}{notes} (now {Units.Figure(finding.Metric, current)}, within the acknowledged {bound}); {finding.Message}",
            };
        }

        return finding with
        {
            Message = $"{finding.Message}; exceeds the level acknowledged as {who} (now {Units.Figure(finding.Metric, current)}, acknowledged {bound})",
        };
    }
}
