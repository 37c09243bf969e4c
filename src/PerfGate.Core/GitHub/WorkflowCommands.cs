using System.Text;
using PerfGate.Core.Rendering;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.GitHub;

/// <summary>
/// GitHub Actions workflow commands (<c>::error title=…::message</c>) written to standard output, with GitHub's
/// escaping (runner <c>src/Runner.Common/ActionCommand.cs</c>): data escapes <c>%</c>, CR, LF; properties also <c>:</c> and <c>,</c>.
/// </summary>
public static class WorkflowCommands
{
    /// <summary>GitHub shows at most 10 error and 10 warning annotations per step; more are dropped by GitHub.</summary>
    public const int MaxAnnotationsPerLevel = 10;

    public static string EscapeData(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal)
             .Replace("\r", "%0D", StringComparison.Ordinal)
             .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string value) =>
        EscapeData(value)
             .Replace(":", "%3A", StringComparison.Ordinal)
             .Replace(",", "%2C", StringComparison.Ordinal);

    public static string Error(string message, string? title = null) => Command("error", message, title);

    public static string Warning(string message, string? title = null) => Command("warning", message, title);

    public static string Notice(string message, string? title = null) => Command("notice", message, title);

    /// <summary>Tells the runner to replace the value with <c>***</c> in every later log line.</summary>
    public static string AddMask(string value) => "::add-mask::" + EscapeData(value);

    public static string AddMask(GitHubToken token) => AddMask(token.Reveal());

    /// <summary>One <c>::error</c> per failing benchmark or metric and one <c>::warning</c> per warning, worst first, capped per level.</summary>
    public static IReadOnlyList<string> Annotations(Verdict verdict)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        foreach (var b in VerdictOrdering.ForReport(verdict.Benchmarks))
        {
            if (b.Fails)
            {
                errors.Add(Error(Describe(b), "PerfGate: " + b.DisplayName));
            }
            else if (b.Severity >= Severity.Warning)
            {
                warnings.Add(Warning(Describe(b), "PerfGate: " + b.DisplayName));
            }
        }

        foreach (var m in verdict.Metrics)
        {
            var text = m.Id + " " + m.Name + " " + Units.SignedPercent(m.ChangePercent) + Reason(m.Findings);
            if (m.Fails)
            {
                errors.Add(Error(text, "PerfGate: " + m.Id));
            }
            else if (m.Severity >= Severity.Warning)
            {
                warnings.Add(Warning(text, "PerfGate: " + m.Id));
            }
        }

        return [.. Capped(errors, "error"), .. Capped(warnings, "warning")];
    }

    public static void WriteAnnotations(Verdict verdict, TextWriter output)
    {
        foreach (var line in Annotations(verdict))
        {
            output.Write(line);
            output.Write('\n');
        }
    }

    private static string Command(string name, string message, string? title)
    {
        var sb = new StringBuilder("::").Append(name);
        if (!string.IsNullOrEmpty(title))
        {
            sb.Append(" title=").Append(EscapeProperty(title));
        }

        return sb.Append("::").Append(EscapeData(message)).ToString();
    }

    private static string Describe(BenchmarkVerdict b)
    {
        var change = b.Kind == ChangeKind.FailedToRun ? "failed to run" : Units.SignedPercent(b.ChangePercent);
        if (b.ChangeLowerPercent is not null && b.ChangeUpperPercent is not null)
        {
            change += ", 95% CI " + Units.Interval(b.ChangeLowerPercent, b.ChangeUpperPercent);
        }

        return b.DisplayName + " " + change + " (" + Units.Time(b.Baseline) + " → " + Units.Time(b.Current) + ")" + Reason(b.Findings);
    }

    private static string Reason(IEnumerable<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).FirstOrDefault(f => f.Severity >= Severity.Warning) is { } f ? ": " + f.Message : string.Empty;

    private static List<string> Capped(List<string> lines, string level)
    {
        if (lines.Count <= MaxAnnotationsPerLevel)
        {
            return lines;
        }

        var kept = lines.Take(MaxAnnotationsPerLevel - 1).ToList();
        var rest = lines.Count - kept.Count;
        kept.Add(Command(level, $"{rest} more {level}s; see the job summary for the full report", "PerfGate"));
        return kept;
    }
}
