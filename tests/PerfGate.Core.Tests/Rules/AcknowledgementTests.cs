using System.Collections.Immutable;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Core.Tests.Rules;

/// <summary>The acknowledgement rule (docs/alerts.md): exact boundaries on the rule, then through the whole gate.</summary>
public sealed class AcknowledgementTests
{
    private const string Series = "Sample.Benchmarks.Parse";
    private static readonly DateTimeOffset Day = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly BenchmarkId Parse = Runs.Id("Parse");

    private static Acknowledgement Ack(double value, string metric = "time", long id = 7, DateTimeOffset? at = null, string series = Series, string by = "alice") =>
        new(id, series, metric, value, by, at ?? Day, "new parser, slower on purpose");

    private static Finding Failing(double current, string metric = "time", Severity severity = Severity.Critical) => new()
    {
        Tier = Tier.History,
        Severity = severity,
        Metric = metric,
        Message = "60% slower than the history",
        Fails = true,
        Current = current,
        Expected = 1000,
        ChangePercent = 60,
    };

    [Fact]
    public void At_the_slack_edge_the_finding_passes_as_a_warning_naming_the_acknowledgement()
    {
        var rule = new AcknowledgementRule([Ack(1000)]);

        var f = rule.Apply(Failing(1100), Series, biggerIsBetter: false, slackPercent: 10);

        f.Fails.ShouldBeFalse();
        f.Severity.ShouldBe(Severity.Warning);
        f.Message.ShouldStartWith("acknowledged as alert #7 by alice on 2026-11-30: \"new parser, slower on purpose\"");
        f.Message.ShouldContain("within the acknowledged 1.00 μs + 10% = 1.10 μs");
        f.Message.ShouldEndWith("60% slower than the history");
        f.Current.ShouldBe(1100);
        f.AcknowledgedAlertId.ShouldBe(7);
        f.ChangePercent.ShouldBe(60);
    }

    [Fact]
    public void Just_beyond_the_slack_edge_the_finding_still_fails_and_says_it_exceeds_the_acknowledged_level()
    {
        var rule = new AcknowledgementRule([Ack(1000)]);

        var f = rule.Apply(Failing(1100.001), Series, biggerIsBetter: false, slackPercent: 10);

        f.Fails.ShouldBeTrue();
        f.Severity.ShouldBe(Severity.Critical);
        f.AcknowledgedAlertId.ShouldBeNull();
        f.Message.ShouldStartWith("60% slower than the history; exceeds the level acknowledged as alert #7 by alice on 2026-11-30");
    }

    [Fact]
    public void Zero_slack_accepts_exactly_the_acknowledged_value_and_nothing_above()
    {
        var rule = new AcknowledgementRule([Ack(1000)]);

        rule.Apply(Failing(1000), Series, false, 0).Fails.ShouldBeFalse();
        rule.Apply(Failing(1000.0000001), Series, false, 0).Fails.ShouldBeTrue();
    }

    [Fact]
    public void An_acknowledgement_covers_only_its_own_series_and_metric()
    {
        var rule = new AcknowledgementRule([Ack(2048, metric: "allocated")]);

        var time = rule.Apply(Failing(1000), Series, false, 10);
        time.Fails.ShouldBeTrue();
        time.Message.ShouldBe("60% slower than the history");

        rule.Apply(Failing(2048, metric: "allocated"), "Sample.Benchmarks.Other", false, 10).Fails.ShouldBeTrue();
        rule.Apply(Failing(2048, metric: "allocated"), Series, false, 10).Fails.ShouldBeFalse();
    }

    [Fact]
    public void For_bigger_is_better_metrics_the_level_is_a_lower_bound()
    {
        var rule = new AcknowledgementRule([Ack(1000, metric: "VAL-003")]);

        AcknowledgementRule.Level(Ack(1000), biggerIsBetter: true, slackPercent: 10).ShouldBe(900);
        rule.Apply(Failing(900, "VAL-003"), Series, biggerIsBetter: true, slackPercent: 10).Fails.ShouldBeFalse();
        rule.Apply(Failing(899.999, "VAL-003"), Series, biggerIsBetter: true, slackPercent: 10).Fails.ShouldBeTrue();
        rule.Apply(Failing(5000, "VAL-003"), Series, biggerIsBetter: true, slackPercent: 10).Fails.ShouldBeFalse();
        rule.Apply(Failing(1100.001, "VAL-003"), Series, biggerIsBetter: false, slackPercent: 10).Fails.ShouldBeTrue();
    }

    [Fact]
    public void The_newest_acknowledgement_wins_even_when_it_accepts_less()
    {
        var older = Ack(2000, id: 3, at: Day.AddDays(-5), by: "bob");
        var newer = Ack(1000, id: 9, at: Day);
        var rule = new AcknowledgementRule([newer, older]);

        rule.Find(Series, "time").ShouldBe(newer);
        var f = rule.Apply(Failing(1500), Series, false, 10);
        f.Fails.ShouldBeTrue();
        f.Message.ShouldContain("alert #9 by alice");

        new AcknowledgementRule([older, newer]).Find(Series, "time").ShouldBe(newer);
    }

    [Fact]
    public void On_the_same_instant_the_higher_alert_id_wins()
    {
        var rule = new AcknowledgementRule([Ack(1000, id: 12), Ack(3000, id: 11)]);

        rule.Find(Series, "time")!.AlertId.ShouldBe(12);
    }

    [Fact]
    public void Warnings_and_passing_findings_are_left_alone()
    {
        var rule = new AcknowledgementRule([Ack(1000)]);
        var warning = Failing(5000, severity: Severity.Warning) with { Fails = false };

        rule.Apply(warning, Series, false, 10).ShouldBeSameAs(warning);
    }

    [Fact]
    public void A_stored_alert_becomes_an_acknowledgement_only_when_acknowledged()
    {
        var alert = new StoredAlert(5, 30, Day, "main", "abc", null, "fp", Tier.History, Severity.Critical, Series, "time", 1600, 1000, 60, "m", false, null, null, null);

        Acknowledgement.From(alert).ShouldBeNull();
        Acknowledgement.From(alert with { Acknowledged = true, AcknowledgedBy = "alice", AcknowledgedAt = Day.AddHours(1), Notes = "ok" })
            .ShouldBe(new Acknowledgement(5, Series, "time", 1600, "alice", Day.AddHours(1), "ok"));
    }

    [Fact]
    public void Through_the_gate_an_acknowledged_regression_passes_until_it_grows_beyond_the_slack()
    {
        var random = new Random(2);
        var baseline = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1000, random, 0.02, 0.01), random));
        var current = Runs.Run(Runs.Machine, Runs.Result(Parse, Runs.Launches(1500, random, 0.02, 0.01), random));
        var history = new Dictionary<string, ImmutableArray<HistoryPoint>> { [Parse.Key] = Runs.History([.. Enumerable.Repeat(1000.0, 20)], random, 0.02, 0.01) };
        Verdict Judge(params Acknowledgement[] acks) => Gate.Evaluate(new GateInput { Current = current, Baseline = baseline, History = history, Acknowledgements = acks });

        var plain = Judge();
        plain.Passed.ShouldBeFalse();
        var value = plain.Benchmarks.Single().Findings.First(f => f.Fails).Current!.Value;

        var acknowledged = Judge(Ack(value, series: Parse.Key));
        acknowledged.Passed.ShouldBeTrue();
        var b = acknowledged.Benchmarks.Single();
        b.Fails.ShouldBeFalse();
        b.Severity.ShouldBe(Severity.Warning);
        b.Kind.ShouldBe(ChangeKind.Regression);
        // The history decides this benchmark's time (20 runs); its finding is the one acknowledged. The baseline's says
        // the same slowdown but could never fail, so there is nothing to acknowledge in it.
        b.Findings.ShouldContain(f => f.Tier == Tier.History && f.Message.StartsWith("acknowledged as alert #7 by alice on 2026-11-30"));
        b.Findings.Where(f => f.Tier == Tier.Baseline).ShouldAllBe(f => f.Message.Contains("the history median decides this benchmark's time"));

        // Accepted 1.2 × less than now: 20% beyond the acknowledged level, more than the 10% slack.
        var exceeded = Judge(Ack(value / 1.2, series: Parse.Key));
        exceeded.Passed.ShouldBeFalse();
        exceeded.Benchmarks.Single().Findings.Where(f => f.Fails).ShouldNotBeEmpty();
        exceeded.Benchmarks.Single().Findings.Where(f => f.Fails).ShouldAllBe(f => f.Message.Contains("exceeds the level acknowledged as alert #7"));

        var otherMetric = Judge(Ack(value, metric: "allocated", series: Parse.Key));
        otherMetric.Passed.ShouldBeFalse();
    }

    [Fact]
    public void Through_the_gate_a_bigger_is_better_run_metric_uses_the_mirror_rule_and_the_configured_slack()
    {
        var options = GateOptions.Default with
        {
            Thresholds = new ThresholdOptions { AcknowledgementSlackPercent = 5 },
            Targets = [new TargetOptions { Metric = "VAL-003", Target = 0.9, Warning = 0.9, Error = 0.8, BiggerIsBetter = true }],
        };
        var run = new BenchmarkRun { Host = Runs.Machine, Metrics = [new MetricValue("VAL-003", "Rule cache hit rate", 0.76, "", BiggerIsBetter: false, Deterministic: true)] };
        Verdict Judge(params Acknowledgement[] acks) => Gate.Evaluate(new GateInput { Current = run, Options = options, Acknowledgements = acks });
        Acknowledgement Metric(double value) => Ack(value, metric: "VAL-003", series: SeriesKey.ForMetric("VAL-003"));

        Judge().Passed.ShouldBeFalse();
        Judge(Metric(0.8)).Passed.ShouldBeTrue(); // 0.76 = 0.8 × (1 − 5%)
        Judge(Metric(0.8)).Metrics.Single().Findings.Single().Message.ShouldStartWith("acknowledged as alert #7");
        Judge(Metric(0.81)).Passed.ShouldBeFalse(); // 0.81 × 0.95 = 0.7695 > 0.76
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData("""{ "thresholds": { "acknowledgementSlackPercent": null } }""", null)]
    [InlineData("""{ "thresholds": { "acknowledgementSlackPercent": 0 } }""", 0.0)]
    [InlineData("""{ "thresholds": { "acknowledgementSlackPercent": 12.5 } }""", 12.5)]
    public void The_slack_is_read_from_the_configuration(string json, double? expected)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        GateOptionsLoader.Read(stream, "perfgate.json").Thresholds.AcknowledgementSlackPercent.ShouldBe(expected);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100")]
    [InlineData("\"ten\"")]
    public void An_impossible_slack_is_a_configuration_error(string value)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($$"""{ "thresholds": { "acknowledgementSlackPercent": {{value}} } }"""));

        Should.Throw<ResultsFormatException>(() => GateOptionsLoader.Read(stream, "perfgate.json")).Message.ShouldContain("acknowledgementSlackPercent");
    }
}
