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

        if (verdict.Acceptance is { } accepted)
        {
            // e.g. "accepted by @alice: 3 regressions, worst +45.0%".
            var what = total > 0 ? Subject(failingBenchmarks, failingMetrics) : "the failures";
            var worst = accepted.WorstPercent is { } w ? ", worst " + Units.SignedPercent(w) : string.Empty;
            return "accepted by @" + accepted.By + ": " + what + worst;
        }

        if (verdict.Passed)
        {
            var undecided = UndecidedAboveFail(verdict);
            var text = undecided.Count > 0
                ? Units.Count(undecided.Count) + " undecided possible " + (undecided.Count == 1 ? "slowdown" : "slowdowns")
                    + " above " + Units.Percent(verdict.Thresholds.FailPercent)
                : "no regression above " + Units.Percent(verdict.Thresholds.FailPercent);
            if (verdict.DisturbedRun is not null)
            {
                return text + "; the runner was disturbed during this run, so its times could not fail: re-run on a quiet runner or use an A/B run (perfgate ab)";
            }

            return verdict.RunnerShiftPercent is { } shift
                ? text + "; the whole suite moved " + Units.SignedPercent(shift) + ", taken as the runner's: only an A/B run (perfgate ab) can tell the runner from the code"
                : text;
        }

        if (total == 0)
        {
            return "this build fails";
        }

        return Subject(failingBenchmarks, failingMetrics) + (total == 1 ? " fails" : " fail") + " this build";
    }

    /// <summary>What fails: <c>3 regressions and 1 metric</c>.</summary>
    private static string Subject(List<BenchmarkVerdict> failingBenchmarks, List<MetricVerdict> failingMetrics)
    {
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

        return string.Join(" and ", parts);
    }

    /// <summary>
    /// True when a passing verdict still warns in its headline: A/B benchmarks left undecided whose change is above
    /// the fail threshold. Such a run is never reported as a plain pass.
    /// </summary>
    public static bool PassesWithWarnings(Verdict verdict) => verdict.Passed && (UndecidedAboveFail(verdict).Count > 0 || verdict.RunnerShiftPercent is not null || verdict.DisturbedRun is not null);

    /// <summary>What follows the bracket of a headline that <see cref="PassesWithWarnings"/>: <c>: run more rounds</c>; else empty.</summary>
    public static string Advice(Verdict verdict) =>
        !PassesWithWarnings(verdict) ? string.Empty : UndecidedAboveFail(verdict).Any(b => b.Rounds is not null) ? ": run more rounds" : UndecidedAboveFail(verdict).Count > 0 ? ": measure base and head side by side (perfgate ab)" : string.Empty;

    /// <summary>Undecided A/B benchmarks that do not fail but whose change is above the fail threshold, largest change first.</summary>
    public static List<BenchmarkVerdict> UndecidedAboveFail(Verdict verdict) =>
        VerdictOrdering.ForReport(verdict.Benchmarks)
            .Where(b => b is { Outcome: AbOutcome.Undecided, Fails: false, ChangePercent: { } change }
                && double.IsFinite(change) && change > verdict.Thresholds.FailPercent)
            .OrderByDescending(b => b.ChangePercent)
            .ThenBy(b => b.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// What goes in brackets after the verdict: the first failing item with its change and interval, e.g.
    /// <c>`Foo.Bar` +34.2%, 95% CI +28% … +40%</c> (a failing regression is named before a benchmark that failed to run);
    /// for a passing run the undecided possible slowdowns (<c>`A` +24%, `B` +22%</c>) or the number of warnings.
    /// </summary>
    public static string? Detail(Verdict verdict, Func<string, string> formatName)
    {
        // An accepted verdict names what was accepted, as a failing one names what fails.
        if (verdict.Passed && verdict.Acceptance is null)
        {
            const int MaxNamed = 3;
            var undecided = UndecidedAboveFail(verdict);
            if (undecided.Count > 0)
            {
                var named = undecided.Take(MaxNamed).Select(b => formatName(b.DisplayName) + " " + Units.RoundedPercent(b.ChangePercent));
                return string.Join(", ", named) + (undecided.Count > MaxNamed ? ", …" : string.Empty);
            }

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
                first += " " + Units.SignedPercent(b.ChangePercent) + ", 95% CI " + Units.Interval(b.ChangeLowerPercent, b.ChangeUpperPercent);
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

        return more > 0 ? first + "; and " + Units.Count(more) + " more" : first;
    }

    /// <summary>True when the verdict comes from same-runner A/B rounds (some benchmark has <see cref="BenchmarkVerdict.Rounds"/>).</summary>
    public static bool IsAb(Verdict verdict) => verdict.Benchmarks.Any(b => b.Rounds is not null);

    /// <summary>The heading of the reference column: <c>Base (A/B)</c> in an A/B verdict, else <c>Baseline</c>.</summary>
    public static string ReferenceHeading(Verdict verdict) => IsAb(verdict) ? "Base (A/B)" : "Baseline";

    /// <summary>
    /// How many launches each side had, once per report: <c>Launches per benchmark: head 3, base 3 (3 rounds)</c> in an
    /// A/B verdict, <c>Launches per benchmark: this run 3, baseline 1</c> otherwise. Each figure is the one value all
    /// benchmarks share, or the range (<c>1–3</c>) when they differ; benchmarks without that side (new, removed, a history
    /// median) are left out. Null for a single run that recorded no launches.
    /// </summary>
    public static string? Launches(Verdict verdict)
    {
        var current = Span(verdict.Benchmarks.Select(b => b.CurrentLaunches).Where(n => n > 0));
        var baseline = Span(verdict.Benchmarks.Select(b => b.BaselineLaunches).Where(n => n > 0));
        if (IsAb(verdict))
        {
            var rounds = verdict.Benchmarks.Where(b => b.Rounds is > 0).Select(b => b.Rounds!.Value).ToList();
            var roundsText = rounds.Count == 0
                ? string.Empty
                : " (" + Span(rounds) + (rounds.Max() == 1 ? " round)" : " rounds)");
            return "Launches per benchmark: head " + (current ?? "–") + ", base " + (baseline ?? "–") + roundsText;
        }

        if (current is null && baseline is null)
        {
            return null;
        }

        return "Launches per benchmark: this run " + (current ?? "–") + ", baseline " + (baseline ?? "–");
    }

    /// <summary><c>3</c> when every value is 3, <c>1–3</c> when they differ, null when there is none.</summary>
    private static string? Span(IEnumerable<int> values)
    {
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var (min, max) = (list.Min(), list.Max());
        return min == max ? Units.Count(min) : Units.Count(min) + "–" + Units.Count(max);
    }

    /// <summary>
/// e.g. <c>1 slower · 1 faster · 40 unchanged · 1 new</c>; zero counts are left out; each benchmark is counted once: a
/// too-noisy or undecided (A/B) benchmark is not also counted as unchanged, a slower or faster one not also as too noisy.
/// </summary>
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
        Add(verdict.Benchmarks.Count(b => b.Kind == ChangeKind.Unchanged && !b.TooNoisy && b.Outcome != AbOutcome.Undecided), "unchanged");
        Add(verdict.Count(ChangeKind.New), "new");
        Add(verdict.Count(ChangeKind.Removed), "removed");
        Add(verdict.Count(ChangeKind.FailedToRun), "failed to run");
        // Each benchmark once: a slower or faster one is counted there even when its test was short of power.
        Add(verdict.Benchmarks.Count(b => b.TooNoisy && b.Kind == ChangeKind.Unchanged && b.Outcome != AbOutcome.Undecided), "too noisy");
        Add(verdict.Benchmarks.Count(b => b is { Outcome: AbOutcome.Undecided, Kind: not ChangeKind.FailedToRun }), "undecided");
        return parts.Count == 0 ? "no benchmarks" : string.Join(separator, parts);
    }

    public static string Plural(int count, string noun) =>
        Units.Count(count) + " " + (count == 1 ? noun : noun + "s");

    /// <summary>
    /// The one context line for recent unacknowledged steps on main (tier 3), or null:
    /// <c>Context: main stepped before this PR's base (not caused by this PR): Parse: step of +23.0% (…) at commit abc1234, run #45; 6 runs at the new level</c>.
    /// </summary>
    public static string? MainSteps(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (verdict.MainSteps.IsDefaultOrEmpty)
        {
            return null;
        }

        const int Shown = 2;
        var more = verdict.MainSteps.Length - Shown;
        return "Context: main stepped before this PR's base (not caused by this PR): " + string.Join(" · ", verdict.MainSteps.Take(Shown))
            + (more > 0 ? $" · and {more} more (perfgate status lists them)" : "");
    }
}
