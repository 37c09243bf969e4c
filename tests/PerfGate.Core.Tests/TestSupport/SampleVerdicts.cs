using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.Scores;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.TestSupport;

/// <summary>Verdicts built by hand, each named for what it exercises.</summary>
internal static class SampleVerdicts
{
    public static readonly GateThresholds Thresholds = new(WarningPercent: 10, FailPercent: 20, CriticalPercent: 50, SignificanceLevel: 0.05, HistoryWindow: 20);

    /// <summary>
    /// One of everything: a failing regression (with an allocation change and history), an improvement, 40 unchanged,
    /// a new, a removed, a failed-to-run and a too-noisy benchmark, two run-level metrics, a fingerprint mismatch, a note.
    /// </summary>
    public static Verdict Fixed()
    {
        var benchmarks = new List<BenchmarkVerdict>
        {
            new()
            {
                Id = "PerfGate.Sample.Validation.ValidateDefinition(Rules: 45)",
                DisplayName = "Validation.ValidateDefinition(Rules: 45)",
                Kind = ChangeKind.Regression,
                Severity = Severity.Error,
                Fails = true,
                Baseline = 41_250,
                Current = 55_360,
                ChangePercent = 34.2,
                ChangeLowerPercent = 28.1,
                ChangeUpperPercent = 40.3,
                MinimumDetectableChangePercent = 4.5,
                BaselineAllocatedBytes = 1_536,
                CurrentAllocatedBytes = 2_112,
                History = [41_000, 41_400, 40_900, 41_300, 41_250],
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.Baseline, Severity = Severity.Error, Metric = "time", Fails = true,
                        Message = "34.2% slower than the baseline (95% CI +28.1% to +40.3%), above the 20% fail threshold.",
                        Current = 55_360, Expected = 41_250, ChangePercent = 34.2, PValue = 0.0004,
                    },
                    new Finding
                    {
                        Tier = Tier.Exact, Severity = Severity.Warning, Metric = "allocated",
                        Message = "Allocates 2112 B per operation, 37.5% more than the baseline's 1536 B.",
                        Current = 2_112, Expected = 1_536, ChangePercent = 37.5,
                    },
                ],
            },
            new()
            {
                Id = "PerfGate.Sample.Parsing.Parse(text: \"a|b\")",
                DisplayName = "Parsing.Parse(text: \"a|b\") <List<int>> *fast_path*",
                Kind = ChangeKind.Improvement,
                Baseline = 2_480_000,
                Current = 1_930_000,
                ChangePercent = -22.2,
                ChangeLowerPercent = -25.0,
                ChangeUpperPercent = -19.4,
                MinimumDetectableChangePercent = 3.1,
                BaselineAllocatedBytes = 0,
                CurrentAllocatedBytes = 0,
                History = [2_500_000, 2_470_000, 2_490_000],
            },
            new()
            {
                Id = "PerfGate.Sample.Export.ToCsv",
                DisplayName = "Export.ToCsv",
                Kind = ChangeKind.New,
                Current = 812.4,
            },
            new()
            {
                Id = "PerfGate.Sample.Export.ToXml",
                DisplayName = "Export.ToXml",
                Kind = ChangeKind.Removed,
                Baseline = 1_204.8,
            },
            new()
            {
                Id = "PerfGate.Sample.Import.FromJson",
                DisplayName = "Import.FromJson",
                Kind = ChangeKind.FailedToRun,
                Severity = Severity.Error,
                Fails = true,
                Baseline = 15_300_000,
                Findings =
                [
                    new Finding
                    {
                        Tier = Tier.Baseline, Severity = Severity.Error, Metric = "time", Fails = true,
                        Message = "The benchmark produced no measurements (it threw or was cancelled).",
                    },
                ],
            },
            new()
            {
                Id = "PerfGate.Sample.Cache.Warm",
                DisplayName = "Cache.Warm",
                Kind = ChangeKind.Unchanged,
                Baseline = 95.2,
                Current = 101.7,
                ChangePercent = 6.8,
                ChangeLowerPercent = -18.0,
                ChangeUpperPercent = 31.6,
                MinimumDetectableChangePercent = 35.0,
                TooNoisy = true,
                NoiseAdvice = "Run 5 launches instead of 1 to detect a 20% change.",
                History = [90.1, 99.4, 93.3],
            },
        };

        for (var i = 0; i < 40; i++)
        {
            var name = "Rules.Evaluate(Case: " + (i + 1).ToString("00", CultureInfo.InvariantCulture) + ")";
            var baseline = 1_000.0 * (i + 1) * 1.37;
            var change = ((i % 7) - 3) * 0.4;
            benchmarks.Add(new BenchmarkVerdict
            {
                Id = "PerfGate.Sample." + name,
                DisplayName = name,
                Kind = ChangeKind.Unchanged,
                Baseline = baseline,
                Current = baseline * (1 + (change / 100)),
                ChangePercent = change,
                ChangeLowerPercent = change - 1.5,
                ChangeUpperPercent = change + 1.5,
                MinimumDetectableChangePercent = 3.0,
                BaselineAllocatedBytes = 48,
                CurrentAllocatedBytes = 48,
                History = i % 2 == 0 ? [baseline * 0.99, baseline * 1.01, baseline] : [],
            });
        }

        return new Verdict
        {
            Passed = false,
            Thresholds = Thresholds,
            Benchmarks = [.. benchmarks],
            Metrics =
            [
                new MetricVerdict
                {
                    Id = "SVC-001", Name = "Startup time", Unit = "ms", Baseline = 387, Current = 412, ChangePercent = 6.5,
                    Target = 500, Severity = Severity.Ok,
                },
                new MetricVerdict
                {
                    Id = "SVC-002", Name = "Prompt tokens", Unit = "tokens", Baseline = 4_123, Current = 4_650, ChangePercent = 12.8,
                    Target = 4_500, Severity = Severity.Warning,
                    Findings =
                    [
                        new Finding
                        {
                            Tier = Tier.Target, Severity = Severity.Warning, Metric = "SVC-002",
                            Message = "4650 tokens is above the 4500 target.", Current = 4_650, Expected = 4_500,
                        },
                    ],
                },
            ],
            Context = new RunContext
            {
                HeadCommit = "abc1234def5678901234567890abcdef12345678",
                HeadBranch = "feature/optimize-validation",
                BaselineCommit = "def5678abc1234901234567890abcdef12345678",
                CurrentFingerprint = "AMD EPYC 7763, 4 cores, .NET 10.0.1, Linux x64",
                BaselineFingerprint = "Intel Xeon Platinum 8370C, 2 cores, .NET 10.0.1, Linux x64",
                FingerprintMismatch = true,
                HistoryRuns = 12,
            },
            Notes = ["The baseline is 43 days old; consider refreshing it with the perf-baseline workflow."],

            // Three targets: startup within its budget (100), prompt tokens 10% over (90), the hit rate met (100).
            PerformanceIndex = PerformanceIndex.From(
            [
                new TargetScore("time", "APP-001 application startup", 420_000, 500_000, "ns", false, Severity.Ok),
                new TargetScore("API-002", "Prompt token count", 3_300, 3_000, "tokens", false, Severity.Warning),
                new TargetScore("VAL-003", "Rule cache hit rate", 0.99, 0.9, "ratio", true, Severity.Ok),
            ]),

            // The deciding changes of three benchmarks (+34.2%, -10%, +0.5%) with their tests' standard errors.
            RegressionScore = RegressionScore.From(
            [
                new ScoredChange("ValidateDefinition", Math.Log(1.342), 0.04, 10),
                new ScoredChange("ParseRules", Math.Log(0.9), 0.03, 10),
                new ScoredChange("BuildPrompt", Math.Log(1.005), 0.02, 10),
            ], "the history median"),
        };
    }

    /// <summary>Every benchmark unchanged: the passing report.</summary>
    public static Verdict Passing() => new()
    {
        Passed = true,
        Thresholds = Thresholds,
        Benchmarks =
        [
            new BenchmarkVerdict
            {
                Id = "A.Fast", DisplayName = "A.Fast", Kind = ChangeKind.Unchanged, Baseline = 10.5, Current = 10.6,
                ChangePercent = 1.0, ChangeLowerPercent = -0.5, ChangeUpperPercent = 2.5,
            },
            new BenchmarkVerdict
            {
                Id = "A.Slow", DisplayName = "A.Slow", Kind = ChangeKind.Regression, Severity = Severity.Warning,
                Baseline = 1_000_000_000, Current = 1_130_000_000, ChangePercent = 13.0, ChangeLowerPercent = 11, ChangeUpperPercent = 15,
            },
        ],
        Context = new RunContext { HeadCommit = "0123456789abcdef0123456789abcdef01234567", HistoryRuns = 0 },
    };

    /// <summary>A huge suite: <paramref name="count"/> benchmarks, 1% regressed and failing, 2% improved, the rest unchanged.</summary>
    public static Verdict Large(int count)
    {
        var benchmarks = ImmutableArray.CreateBuilder<BenchmarkVerdict>(count);
        for (var i = 0; i < count; i++)
        {
            var name = "PerfGate.Sample.Generated.Suite" + (i / 100).ToString("00", CultureInfo.InvariantCulture)
                + ".Benchmark_" + i.ToString("0000", CultureInfo.InvariantCulture) + "(Size: 1024, Mode: Fast)";
            var kind = i % 100 == 0 ? ChangeKind.Regression : i % 50 == 1 ? ChangeKind.Improvement : ChangeKind.Unchanged;
            var change = kind switch { ChangeKind.Regression => 25.0, ChangeKind.Improvement => -15.0, _ => 0.5 };
            benchmarks.Add(new BenchmarkVerdict
            {
                Id = name,
                DisplayName = name,
                Kind = kind,
                Severity = kind == ChangeKind.Regression ? Severity.Error : Severity.Ok,
                Fails = kind == ChangeKind.Regression,
                Baseline = 1000 + i,
                Current = (1000 + i) * (1 + (change / 100)),
                ChangePercent = change,
                ChangeLowerPercent = change - 2,
                ChangeUpperPercent = change + 2,
                History = [1000 + i, 1001 + i, 999 + i],
            });
        }

        return new Verdict { Passed = false, Thresholds = Thresholds, Benchmarks = benchmarks.MoveToImmutable() };
    }
}
