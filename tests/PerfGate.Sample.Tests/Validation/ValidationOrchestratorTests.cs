using PerfGate.Sample.Definitions;
using PerfGate.Sample.Rules;
using PerfGate.Sample.Validation;

namespace PerfGate.Sample.Tests.Validation;

public sealed class ValidationOrchestratorTests
{
    private readonly ValidationOrchestrator _validation = new(new RuleCache(), TestData.RulesDirectory);

    public static TheoryData<string, string, string, string[]> KnownBadDefinitions => new()
    {
        {
            "article, copula, modal, circular, capital, full stop",
            "permit", "A permit is a document that can be issued by the authority.",
            ["ARAI-04", "ARAI-06", "ESS-03", "STR-02", "STR-03"]
        },
        {
            "copula start, container word, subjective, example, open list, plural term",
            "inspections", "is an important aspect of supervision, e.g. checking things etc",
            ["ARAI-01", "ARAI-02", "ARAI-03", "INT-06", "INT-09", "VER-01"]
        },
        {
            "two sentences, abbreviation, semicolon, pronoun, full stop",
            "report processing", "process in which the AFM checks reports. The reports are then archived; after that they are deleted.",
            ["INT-01", "INT-03", "INT-07", "STR-03", "STR-05"]
        },
        {
            "verb start, and/or, brackets, cross-reference",
            "reassessment", "to (re)assess the applicant and/or the permit holder, see also article 5",
            ["INT-04", "INT-10", "SAM-02", "STR-01"]
        },
        {
            "a bare synonym",
            "fee", "charge",
            ["ESS-05", "SAM-01"]
        },
        {
            "context named, unnamed act, two categories, vague quantity, condition",
            "enforcement", "in the context of this act, the activity or result of making sure that rules are obeyed by some citizens if needed",
            ["CON-01", "CON-02", "ESS-02", "ESS-04", "INT-02"]
        },
        {
            "double space, synonym, reformulation, quotes, capitalised term",
            "Sanction", "punishment  or measure imposed by a court, also known as a \"penalty\", in other words a reaction to an offence",
            ["SAM-06", "SAM-08", "STR-04", "STR-10", "VER-04"]
        },
        {
            "negation, double negation, temporal word, borrowed definition",
            "licence holder", "person who is not unlicensed and who currently holds a licence as defined in the Environment Act",
            ["CON-03", "INT-08", "SAM-03", "STR-07"]
        },
    };

    [Theory]
    [MemberData(nameof(KnownBadDefinitions))]
    public void Known_bad_definitions_break_exactly_the_expected_rules(string why, string term, string text, string[] expected)
    {
        var result = _validation.Validate(text, term);

        result.ViolatedRuleIds.ShouldBe(expected, customMessage: why);
        result.IsValid.ShouldBeFalse();
        result.Violations.ShouldAllBe(v => v.Message.StartsWith(v.RuleId + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_known_good_definition_breaks_no_rule_and_scores_one()
    {
        var result = _validation.Validate(
            "written decision of a competent authority that allows a named party to carry out a specified activity at a specified location during a specified period",
            "permit");

        result.Violations.ShouldBeEmpty();
        result.Score.ShouldBe(1.0);
        result.RulesChecked.ShouldBe(46);
    }

    [Fact]
    public void Every_known_good_sample_definition_is_valid_and_every_known_bad_one_is_not()
    {
        var samples = SampleDefinitions.Load(TestData.Configuration.DefinitionsFile);
        samples.Count(s => s.IsKnownGood).ShouldBe(12);
        samples.Count(s => !s.IsKnownGood).ShouldBe(8);

        foreach (var sample in samples)
        {
            var result = _validation.Validate(sample.Text, sample.Term);
            result.IsValid.ShouldBe(sample.IsKnownGood, $"{sample.Term}: {string.Join("; ", result.Violations.Select(v => v.Message))}");
        }
    }

    [Fact]
    public void Score_is_one_minus_the_violated_share_of_the_total_weight()
    {
        var rules = _validation.Rules;
        var result = _validation.Validate("charge", "fee");

        // ESS-05 (0.8) and SAM-01 (1.0) are violated.
        result.Score.ShouldBe(1 - (1.8 / rules.TotalWeight), tolerance: 1e-12);
    }

    [Fact]
    public void Batch_validation_keeps_input_order_and_aggregates()
    {
        var inputs = new[]
        {
            new DefinitionInput("fee", "charge"),
            new DefinitionInput("applicant", "natural person or legal entity that submits a request for a decision to an administrative body"),
        };

        var batch = _validation.ValidateBatch(inputs);

        batch.Results.Select(r => r.DefinitionText).ShouldBe(inputs.Select(i => i.Text));
        batch.ValidCount.ShouldBe(1);
        batch.ViolationCount.ShouldBe(2);
        batch.AverageScore.ShouldBe((batch.Results[0].Score + 1.0) / 2, tolerance: 1e-12);
    }

    [Fact]
    public void Each_validation_asks_the_rule_cache_once()
    {
        var cache = new RuleCache();
        var validation = new ValidationOrchestrator(cache, TestData.RulesDirectory);

        validation.Validate("charge", "fee");
        validation.Validate("charge", "fee");
        validation.ValidateBatch([new("fee", "charge"), new("fee", "charge")]);

        cache.Statistics.ShouldBe(new(Hits: 2, Misses: 1, Entries: 1));
    }
}
