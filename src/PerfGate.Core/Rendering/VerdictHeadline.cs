using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Rendering;

/// <summary>The one-line verdict and the counts line, shared by the markdown and terminal reports.</summary>
internal static class VerdictHeadline
{
    /// <summary>e.g. <c>1 regression fails this build</c> / <c>no regression above 20%</c>, with the name formatted by the caller.</summary>
    public static string Text(Verdict verdict)
    {
        var failingBenchmarks = VerdictOrdering.ForReport(verdict.Benchmarks).Where(b => b.Fails).ToList();
        var failingMetrics = verdict.Metrics.Where(m => m.Fails).ToList();
        var total = failingBenchmarks.Count + failingMetrics.Count;

        if (verdict.Passed)
        {
            return "no regression above " + Units.Percent(verdict.Thresholds.FailPercent);
        }

        if (total == 0)
        {
            return "this build fails";
        }

        var regressions = failingBenchmarks.Count(b => b.Kind == ChangeKind.Regression);
        var otherBenchmarks = failingBenchmarks.Count - regressions;
        var parts = new List<string>();
        if (regressions > 0)
        {
            parts.Add(Plural(regressions, "regression"));
        }

        if (otherBenchmarks > 0)
        {
            parts.Add(Plural(otherBenchmarks, "benchmark"));
        }

        if (failingMetrics.Count > 0)
        {
            parts.Add(Plural(failingMetrics.Count, "metric"));
        }

        var subject = string.Join(" and ", parts);
        return subject + (total == 1 ? " fails" : " fail") + " this build";
    }

    /// <summary>
    /// What goes in brackets after the verdict: the first failing item with its change, e.g. <c>`Foo.Bar` +34.2% ± 6.1%</c>
    /// (a failing regression is named before a benchmark that failed to run), or the number of warnings of a passing run.
    /// </summary>
    public static string? Detail(Verdict verdict, Func<string, string> formatName)
    {
        if (verdict.Passed)
        {
            var warnings = verdict.Benchmarks.Count(b => !b.Fails && b.Severity >= Severity.Warning)
                + verdict.Metrics.Count(m => !m.Fails && m.Severity >= Severity.Warning);
            return warnings > 0 ? Plural(warnings, "warning") : null;
        }

        var failing = VerdictOrdering.ForReport(verdict.Benchmarks).Where(b => b.Fails)
            .OrderBy(b => b.Kind == ChangeKind.Regression ? 0 : 1)
            .ToList();
        var failingMetrics = verdict.Metrics.Where(m => m.Fails).ToList();
        var more = failing.Count + failingMetrics.Count - 1;
        string? first = null;
        if (failing.Count > 0)
        {
            var b = failing[0];
            first = formatName(b.DisplayName);
            if (b.Kind == ChangeKind.FailedToRun)
            {
                first += " failed to run";
            }
            else if (b.ChangePercent is not null)
            {
                first += " " + Units.SignedPercent(b.ChangePercent);
                if (Units.HalfWidth(b.ChangeLowerPercent, b.ChangeUpperPercent) is { } half)
                {
                    first += " ± " + Units.SignedPercent(half).TrimStart('+');
                }
            }
        }
        else if (failingMetrics.Count > 0)
        {
            var m = failingMetrics[0];
            first = formatName(m.Id) + " " + Units.SignedPercent(m.ChangePercent);
        }

        if (first is null)
        {
            return null;
        }

        return more > 0 ? first + ", and " + Units.Count(more) + " more" : first;
    }

    /// <summary>e.g. <c>1 slower · 1 faster · 40 unchanged · 1 new</c>; zero counts are left out; a too-noisy benchmark is not also counted as unchanged.</summary>
    public static string Counts(Verdict verdict, string separator)
    {
        var parts = new List<string>();
        void Add(int count, string label)
        {
            if (count > 0)
            {
                parts.Add(Units.Count(count) + " " + label);
            }
        }

        Add(verdict.Count(ChangeKind.Regression), "slower");
        Add(verdict.Count(ChangeKind.Improvement), "faster");
        Add(verdict.Benchmarks.Count(b => b.Kind == ChangeKind.Unchanged && !b.TooNoisy), "unchanged");
        Add(verdict.Count(ChangeKind.New), "new");
        Add(verdict.Count(ChangeKind.Removed), "removed");
        Add(verdict.Count(ChangeKind.FailedToRun), "failed to run");
        Add(verdict.Benchmarks.Count(b => b.TooNoisy), "too noisy");
        return parts.Count == 0 ? "no benchmarks" : string.Join(separator, parts);
    }

    public static string Plural(int count, string noun) =>
        Units.Count(count) + " " + (count == 1 ? noun : noun + "s");
}
