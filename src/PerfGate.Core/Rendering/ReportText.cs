using System.Globalization;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>The words and numbers every report shows the same way.</summary>
public static class ReportText
{
    public static string Time(double? ns) => ns is { } v ? TimeText.Format(v) : "–";

    public static string Change(double? percent) => percent is { } p ? p.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + "%" : "–";

    /// <summary>Half the width of the 95% interval of the change, in percentage points.</summary>
    public static string Uncertainty(BenchmarkVerdict b) =>
        b.ChangeLowerPercent is { } lo && b.ChangeUpperPercent is { } hi ? "±" + ((hi - lo) / 2).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Status(BenchmarkVerdict b, bool emoji)
    {
        var (icon, word) = b switch
        {
            { Fails: true } => ("❌", b.Severity == Severity.Critical ? "fails (critical)" : "fails"),
            { Kind: ChangeKind.FailedToRun } => ("💥", "failed to run"),
            { Kind: ChangeKind.New } => ("🆕", "new"),
            { Kind: ChangeKind.Removed } => ("🗑️", "removed"),
            { Severity: >= Severity.Warning, Kind: ChangeKind.Regression } => ("⚠️", "slower (warning)"),
            { Severity: >= Severity.Warning } => ("⚠️", "warning"),
            { Kind: ChangeKind.Improvement } => ("🟢", "faster"),
            { TooNoisy: true } => ("🔇", "too noisy" + (b.MinimumDetectableChangePercent is { } m ? $" (detects ≥{m.ToString("0", CultureInfo.InvariantCulture)}%)" : "")),
            _ => ("⚪", "unchanged"),
        };
        return emoji ? $"{icon} {word}" : word;
    }

    public static string Allocation(BenchmarkVerdict b)
    {
        if (b.CurrentAllocatedBytes is not { } cur)
        {
            return "–";
        }

        var text = Bytes(cur);
        if (b.BaselineAllocatedBytes is { } old && Bytes(old) != text)
        {
            text = $"{Bytes(old)} → {text}";
        }

        return text;
    }

    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        >= 1024 * 1024 => (bytes / (1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024).ToString("0.##", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString("0.##", CultureInfo.InvariantCulture) + " B",
    };

    public static string Value(double? value, string unit) =>
        value is { } v ? (unit == "ns" ? TimeText.Format(v) : v.ToString("0.####", CultureInfo.InvariantCulture) + (unit.Length > 0 ? " " + unit : "")) : "–";

    /// <summary>The one-line verdict.</summary>
    public static string Headline(Verdict verdict, bool emoji)
    {
        var failing = verdict.Benchmarks.Count(b => b.Fails) + verdict.Metrics.Count(m => m.Fails);
        var regressions = verdict.Count(ChangeKind.Regression);
        var improvements = verdict.Count(ChangeKind.Improvement);
        var counts = $"{regressions} slower, {improvements} faster, {verdict.Count(ChangeKind.Unchanged)} unchanged, {verdict.Count(ChangeKind.New)} new, {verdict.Count(ChangeKind.Removed)} removed";
        if (!verdict.Passed)
        {
            var worst = verdict.Benchmarks.Where(b => b.Fails).OrderByDescending(b => b.ChangePercent ?? 0).FirstOrDefault();
            var example = worst is null ? "" : $" ({worst.DisplayName} {Change(worst.ChangePercent)} {Uncertainty(worst)})";
            return $"{(emoji ? "❌ " : "")}PerfGate: {failing} failing finding(s) fail this build{example} — {counts}";
        }

        var warnings = verdict.Benchmarks.Count(b => b.Severity == Severity.Warning) + verdict.Metrics.Count(m => m.Severity == Severity.Warning);
        var threshold = verdict.Thresholds.FailPercent.ToString("0.#", CultureInfo.InvariantCulture);
        return $"{(emoji ? (warnings > 0 ? "⚠️ " : "✅ ") : "")}PerfGate: passed, no regression above {threshold}% beyond noise{(warnings > 0 ? $", {warnings} warning(s)" : "")} — {counts}";
    }

    /// <summary>Unicode block sparkline of a series (oldest first).</summary>
    public static string Sparkline(IReadOnlyList<double> values, int max = 20)
    {
        if (values.Count < 2)
        {
            return "";
        }

        const string blocks = "▁▂▃▄▅▆▇█";
        var tail = values.Skip(Math.Max(0, values.Count - max)).ToArray();
        double lo = tail.Min(), hi = tail.Max();
        return new string([.. tail.Select(v => hi > lo ? blocks[(int)Math.Round((v - lo) / (hi - lo) * (blocks.Length - 1))] : blocks[3])]);
    }
}
