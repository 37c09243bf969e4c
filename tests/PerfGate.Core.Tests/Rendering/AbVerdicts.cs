using System.Globalization;
using PerfGate.Core.Tests.TestSupport;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rendering;

/// <summary>Same-runner A/B verdicts built by hand (SPEC §3b), each named for what it exercises.</summary>
internal static class AbVerdicts
{
    private const string Runner = "the base measured on this runner";

    /// <summary>
    /// A failing A/B run with one of each outcome: a confirmed failing regression and a confirmed critical one
    /// (5 rounds, p below 0.0001), an undecided slowdown above the fail threshold with a lopsided interval, an undecided
    /// one below it, a cleared warning, a cleared improvement, three cleared unchanged (3 rounds), and a new benchmark
    /// that has no base side. Launches and rounds differ between benchmarks (3 or 5).
    /// </summary>
    public static Verdict Failing() => new()
    {
        Passed = false,
        Thresholds = SampleVerdicts.Thresholds,
        Benchmarks =
        [
            Ab("Parsing.Tokenize", AbOutcome.Confirmed, rounds: 5, baseline: 41_250, change: 31.4, lower: 24.0, upper: 39.2) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Error, Fails = true, Suspect = true,
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.SameRunner, Severity = Severity.Error, Metric = "time", Fails = true,
                        Message = "31.4% slower than " + Runner + " (95% CI +24.0% to +39.2%), above the 20% fail threshold.",
                        Current = 54_203, Expected = 41_250, ChangePercent = 31.4, PValue = 0.0212,
                    },
                ],
            },
            Ab("Cache.Lookup", AbOutcome.Confirmed, rounds: 5, baseline: 95.2, change: 68.9, lower: 55.3, upper: 83.6) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Critical, Fails = true, Suspect = true,
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.SameRunner, Severity = Severity.Critical, Metric = "time", Fails = true,
                        Message = "68.9% slower than " + Runner + ", above the 50% critical threshold.",
                        Current = 160.8, Expected = 95.2, ChangePercent = 68.9, PValue = 0.00003,
                    },
                ],
            },
            Ab("Export.ToCsv", AbOutcome.Undecided, rounds: 3, baseline: 812.4, change: 67.3, lower: 9.0, upper: 157.2) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Warning, Suspect = true,
                OutcomeText = "undecided after 3 rounds: detects ≥ 34%",
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.SameRunner, Severity = Severity.Warning, Metric = "time",
                        Message = "67.3% slower than " + Runner + ", but the rounds cannot tell it from the noise.",
                        Current = 1_359, Expected = 812.4, ChangePercent = 67.3, PValue = 0.2,
                    },
                ],
            },
            Ab("Mapping.Map", AbOutcome.Undecided, rounds: 3, baseline: 2_480_000, change: 5.2, lower: -3.1, upper: 14.4) with
            {
                OutcomeText = "undecided after 3 rounds: detects ≥ 22%",
            },
            Ab("Import.FromJson", AbOutcome.Cleared, rounds: 5, baseline: 15_300_000, change: 12.0, lower: 6.1, upper: 18.2) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Warning,
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.SameRunner, Severity = Severity.Warning, Metric = "time",
                        Message = "12.0% slower than " + Runner + ", above the 10% warning threshold.",
                        Current = 17_136_000, Expected = 15_300_000, ChangePercent = 12.0, PValue = 0.0471,
                    },
                ],
            },
            Ab("Validation.Validate", AbOutcome.Cleared, rounds: 3, baseline: 1_204.8, change: -15.2, lower: -18.9, upper: -11.3) with
            {
                Kind = ChangeKind.Improvement,
            },
            Ab("Rules.Evaluate(Case: 01)", AbOutcome.Cleared, rounds: 3, baseline: 1_370, change: 0.4, lower: -1.2, upper: 2.0),
            Ab("Rules.Evaluate(Case: 02)", AbOutcome.Cleared, rounds: 3, baseline: 2_740, change: -0.8, lower: -2.3, upper: 0.7),
            Ab("Rules.Evaluate(Case: 03)", AbOutcome.Cleared, rounds: 3, baseline: 4_110, change: 0.0, lower: -1.5, upper: 1.5),
            new BenchmarkVerdict
            {
                Id = "PerfGate.Sample.Export.ToXml", DisplayName = "Export.ToXml", Kind = ChangeKind.New, Current = 1_930,
                CurrentLaunches = 3, FilterPattern = "PerfGate.Sample.Export.ToXml",
            },
        ],
        Context = new RunContext
        {
            HeadCommit = "abc1234def5678901234567890abcdef12345678",
            HeadBranch = "feature/faster-parsing",
            BaselineCommit = "def5678abc1234901234567890abcdef12345678",
            HistoryRuns = 0,
        },
    };

    /// <summary>
    /// Every confirmation passes, but two benchmarks stay undecided with changes above the fail threshold and one
    /// below it: a pass with warnings, never a plain pass.
    /// </summary>
    public static Verdict PassingWithUndecided() => new()
    {
        Passed = true,
        Thresholds = SampleVerdicts.Thresholds,
        Benchmarks =
        [
            Ab("Export.ToCsv", AbOutcome.Undecided, rounds: 3, baseline: 812.4, change: 24.1, lower: -2.0, upper: 55.3) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Warning, Suspect = true,
                OutcomeText = "undecided after 3 rounds: detects ≥ 34%",
            },
            Ab("Mapping.Map", AbOutcome.Undecided, rounds: 3, baseline: 2_480_000, change: 22.4, lower: -5.5, upper: 58.8) with
            {
                Kind = ChangeKind.Regression, Severity = Severity.Warning, Suspect = true,
                OutcomeText = "undecided after 3 rounds: detects ≥ 41%",
            },
            Ab("Parsing.Tokenize", AbOutcome.Undecided, rounds: 3, baseline: 41_250, change: 8.0, lower: -4.0, upper: 21.4) with
            {
                OutcomeText = "undecided after 3 rounds: detects ≥ 25%",
            },
            Ab("Rules.Evaluate(Case: 01)", AbOutcome.Cleared, rounds: 3, baseline: 1_370, change: 0.4, lower: -1.2, upper: 2.0),
        ],
        Context = new RunContext { HeadCommit = "0123456789abcdef0123456789abcdef01234567", BaselineCommit = "fedcba9876543210fedcba9876543210fedcba98" },
    };

    /// <summary>An A/B benchmark whose launches follow its rounds (one launch per side per round).</summary>
    private static BenchmarkVerdict Ab(string name, AbOutcome outcome, int rounds, double baseline, double change, double lower, double upper) => new()
    {
        Id = "PerfGate.Sample." + name,
        DisplayName = name,
        Kind = ChangeKind.Unchanged,
        Baseline = baseline,
        Current = baseline * (1 + (change / 100)),
        ChangePercent = change,
        ChangeLowerPercent = lower,
        ChangeUpperPercent = upper,
        CurrentLaunches = rounds,
        BaselineLaunches = rounds,
        Rounds = rounds,
        Outcome = outcome,
        OutcomeText = outcome switch
        {
            AbOutcome.Confirmed => "confirmed over " + rounds.ToString(CultureInfo.InvariantCulture) + " rounds",
            AbOutcome.Cleared => "cleared after " + rounds.ToString(CultureInfo.InvariantCulture) + " rounds",
            _ => "undecided after " + rounds.ToString(CultureInfo.InvariantCulture) + " rounds",
        },
        FilterPattern = "PerfGate.Sample." + (name.IndexOf('(', StringComparison.Ordinal) is var paren and > 0 ? name[..paren] : name),
    };
}
