using System.Collections.Immutable;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;
using Shouldly;
using Xunit;

namespace PerfGate.Core.Tests.Rules;

/// <summary>
/// The same-runner A/B reference, tested with readable literal cases: rounds in (each round's base and head launch
/// median, in nanoseconds), decision out. Each launch holds three iterations around its median (±1%), so the medians
/// are exactly the figures written here.
/// </summary>
public sealed class SameRunnerTests
{
    /// <summary>Seven quiet companions: unchanged benchmarks with a few percent of round-to-round noise, so the suite's prior is realistic.</summary>
    private static readonly (string Name, (double Base, double Head)[] Rounds)[] Companions =
    [
        ("C1", [(100, 103), (101, 99), (98, 100)]),
        ("C2", [(2000, 1960), (2030, 2070), (1990, 2010)]),
        ("C3", [(50, 51), (49, 50), (51, 49)]),
        ("C4", [(8000, 8150), (7900, 7850), (8050, 8000)]),
        ("C5", [(300, 296), (305, 309), (298, 301)]),
        ("C6", [(12000, 12300), (12100, 11900), (11800, 12000)]),
        ("C7", [(700, 707), (690, 688), (710, 702)]),
    ];

    [Fact]
    public void Three_rounds_fifty_percent_slower_is_confirmed_and_fails()
    {
        var verdict = Ab(("Slow", [(1000, 1510), (1020, 1490), (990, 1530)]));

        verdict.Passed.ShouldBeFalse();
        var b = Single(verdict, "Slow");
        b.Fails.ShouldBeTrue();
        b.Outcome.ShouldBe(AbOutcome.Confirmed);
        b.OutcomeText.ShouldBe("confirmed over 3 rounds");
        b.Suspect.ShouldBeTrue();
        b.Rounds.ShouldBe(3);
        b.ChangePercent!.Value.ShouldBeInRange(48, 52);
        b.Findings.ShouldContain(f => f.Tier == Tier.SameRunner && f.Fails && f.Message.Contains("the base measured on this runner"));
        b.CurrentLaunches.ShouldBe(3);
        b.BaselineLaunches.ShouldBe(3);
    }

    [Fact]
    public void Three_rounds_thirty_percent_slower_on_a_quiet_benchmark_fails()
    {
        var verdict = Ab(("Slow", [(1000, 1300), (1010, 1320), (995, 1290)]));

        var b = Single(verdict, "Slow");
        b.Fails.ShouldBeTrue();
        b.Outcome.ShouldBe(AbOutcome.Confirmed);
    }

    [Fact]
    public void Unchanged_rounds_are_cleared_and_pass_without_warnings()
    {
        var verdict = Ab(("Same", [(1000, 1020), (1010, 990), (995, 1005)]));

        verdict.Passed.ShouldBeTrue();
        verdict.Benchmarks.ShouldAllBe(b => !b.Fails && b.Severity == Severity.Ok && b.Outcome == AbOutcome.Cleared && !b.Suspect);
        Single(verdict, "Same").OutcomeText.ShouldBe("cleared in 3 rounds");
    }

    [Fact]
    public void Eight_percent_slower_never_fails_however_steady()
    {
        var verdict = Ab(("Bit", [(1000, 1080), (1000, 1080), (1000, 1080)]));

        var b = Single(verdict, "Bit");
        b.Fails.ShouldBeFalse();
        b.Outcome.ShouldBe(AbOutcome.Cleared);
    }

    [Fact]
    public void A_noisy_benchmark_thirty_percent_slower_is_undecided_a_suspect_and_a_warning_never_a_quiet_pass()
    {
        // Rounds disagree wildly: +60%, +0%, +35%.
        var verdict = Ab(("Noisy", [(1000, 1600), (1400, 1400), (1000, 1350)]));

        verdict.Passed.ShouldBeTrue();
        var b = Single(verdict, "Noisy");
        b.Fails.ShouldBeFalse();
        b.Outcome.ShouldBe(AbOutcome.Undecided);
        b.OutcomeText.ShouldNotBeNull().ShouldStartWith("undecided after 3 rounds: detects ≥ ");
        b.Suspect.ShouldBeTrue();
        b.Severity.ShouldBe(Severity.Warning);
        Confirmation.Suspects(verdict).ShouldBe(["Sample.Benchmarks.Noisy"]);
        verdict.Notes.ShouldContain(n => n.Contains("may be slower than the 20% fail threshold") && n.Contains("Noisy"));
    }

    [Fact]
    public void Confirmation_rounds_of_a_suspect_decide_it()
    {
        // Three screening rounds leave it undecided; three more, filtered to it alone, clear it.
        var screening = Rounds(("Noisy", [(1000, 1600), (1400, 1400), (1000, 1350)]));
        var confirmation = Rounds(("Noisy", [(1000, 1010), (1000, 990), (1000, 1000)]), companions: false, firstNumber: 4);
        var verdict = Evaluate([.. screening, .. confirmation], screeningRounds: 3);

        var b = Single(verdict, "Noisy");
        b.Rounds.ShouldBe(6);
        b.Outcome.ShouldNotBe(AbOutcome.Confirmed);
        b.Fails.ShouldBeFalse();
        Single(verdict, "C1").Rounds.ShouldBe(3);
        verdict.Notes.ShouldContain(n => n.Contains("3 confirmation rounds"));
    }

    [Fact]
    public void Confirmation_rounds_of_a_real_slowdown_confirm_it()
    {
        var screening = Rounds(("Slow", [(1000, 1400), (1300, 1350), (1000, 1450)]));
        var confirmation = Rounds(("Slow", [(1000, 1390), (1010, 1400), (990, 1410)]), companions: false, firstNumber: 4);
        var verdict = Evaluate([.. screening, .. confirmation], screeningRounds: 3);

        var b = Single(verdict, "Slow");
        b.Outcome.ShouldBe(AbOutcome.Confirmed);
        b.OutcomeText.ShouldBe("confirmed over 6 rounds");
        b.Fails.ShouldBeTrue();
    }

    [Fact]
    public void The_pairing_removes_the_runner_a_slow_round_slows_both_sides()
    {
        // Round 2 ran on a runner twice as slow, for both sides; the change is still +2%, not noise.
        var verdict = Ab(("Steady", [(1000, 1020), (2000, 2040), (1000, 1020)]));

        var b = Single(verdict, "Steady");
        b.ChangePercent!.Value.ShouldBeInRange(1.5, 2.5);
        b.Fails.ShouldBeFalse();
        b.Outcome.ShouldBe(AbOutcome.Cleared);
    }

    [Fact]
    public void Allocations_are_compared_with_the_base_measured_on_the_runner()
    {
        var rounds = Rounds(("Alloc", [(1000, 1000), (1000, 1000), (1000, 1000)]), headAllocated: 1536);
        var verdict = Evaluate(rounds, screeningRounds: 3);

        var b = Single(verdict, "Alloc");
        b.Fails.ShouldBeTrue();
        b.Findings.ShouldContain(f => f.Tier == Tier.Exact && f.Fails && f.Message.Contains("against the base measured on this runner"));
        b.BaselineAllocatedBytes.ShouldBe(1024);
    }

    [Fact]
    public void A_committed_baseline_and_history_inform_but_do_not_decide_time_in_an_ab_run()
    {
        var rounds = Rounds(("Same", [(1000, 1010), (1000, 995), (1000, 1005)]));
        var stale = Runs.Run(Runs.Machine, [.. new[] { "Same" }.Concat(Companions.Select(c => c.Name)).Select(n => Runs.Result(Runs.Id(n), [400], new Random(1)))]);
        var verdict = Gate.Evaluate(new GateInput { Current = AbRounds.PoolHeads(rounds), Rounds = rounds, ScreeningRounds = 3, Baseline = stale });

        verdict.Passed.ShouldBeTrue();
        var b = Single(verdict, "Same");
        b.Findings.ShouldContain(f => f.Tier == Tier.Baseline && !f.Fails && f.Message.Contains("cannot fail the build"));
        b.ChangePercent!.Value.ShouldBeInRange(-2, 2);
    }

    private static BenchmarkVerdict Single(Verdict verdict, string name) => verdict.Benchmarks.Single(b => b.Id == $"Sample.Benchmarks.{name}");

    private static Verdict Ab((string Name, (double Base, double Head)[] Rounds) subject) => Evaluate(Rounds(subject), screeningRounds: 3);

    private static Verdict Evaluate(ImmutableArray<AbRound> rounds, int screeningRounds) =>
        Gate.Evaluate(new GateInput { Current = AbRounds.PoolHeads(rounds), Rounds = rounds, ScreeningRounds = screeningRounds });

    private static ImmutableArray<AbRound> Rounds(
        (string Name, (double Base, double Head)[] Rounds) subject, bool companions = true, int firstNumber = 1, double headAllocated = 1024)
    {
        var all = companions ? [subject, .. Companions] : new[] { subject };
        return [.. Enumerable.Range(0, subject.Rounds.Length).Select(r => new AbRound(
            firstNumber + r,
            Runs.Run(Runs.Machine, [.. all.Select(s => Result(s.Name, s.Rounds[r].Base, 1024))]),
            Runs.Run(Runs.OtherMachine, [.. all.Select(s => Result(s.Name, s.Rounds[r].Head, s.Name == subject.Name ? headAllocated : 1024))])))];
    }

    private static BenchmarkResult Result(string name, double median, double allocated)
    {
        var id = Runs.Id(name);
        double[] values = [median * 0.99, median, median * 1.01];
        return new BenchmarkResult
        {
            Id = id,
            FullName = id.Key,
            Launches = [new Launch(1, [.. values])],
            Statistics = new TimeStatistics(3, median, median, median * 0.01, values[0], values[2]),
            AllocatedBytesPerOperation = allocated,
        };
    }
}
