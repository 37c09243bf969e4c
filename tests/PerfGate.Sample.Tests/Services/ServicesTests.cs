using PerfGate.Sample.Definitions;
using PerfGate.Sample.Services;

namespace PerfGate.Sample.Tests.Services;

public sealed class ServicesTests
{
    private readonly ServiceContainer _container = new(TestData.Configuration);

    [Fact]
    public void Repository_is_seeded_with_the_sample_definitions()
    {
        _container.Repository.Count.ShouldBe(20);
        _container.Repository.FindByTerm("PERMIT").Select(d => d.Id).ShouldBe([1, 13]);
    }

    [Fact]
    public void Csv_and_json_exports_import_back_to_the_same_definitions()
    {
        var all = _container.Repository.All();

        _container.Import.FromCsv(_container.Export.ToCsv()).ShouldBe(all);
        _container.Import.FromJson(_container.Export.ToJson()).ShouldBe(all);
    }

    [Fact]
    public void Csv_import_rejects_a_wrong_header() =>
        Should.Throw<FormatException>(() => _container.Import.FromCsv("a,b\n1,2\n"));

    [Fact]
    public void Duplicate_detection_finds_a_stored_text_and_ranks_it_first()
    {
        var stored = _container.Repository.Get(2);

        var matches = _container.DuplicateDetection.FindDuplicates(stored.Text + " or body");

        matches.ShouldNotBeEmpty();
        matches[0].Definition.Id.ShouldBe(2);
        matches[0].Similarity.ShouldBeGreaterThan(0.8);
        _container.DuplicateDetection.FindDuplicates("completely unrelated words about the weather today").ShouldBeEmpty();
    }

    [Fact]
    public void Web_lookup_finds_exact_terms_and_synonyms_first()
    {
        _container.WebLookup.EntryCount.ShouldBe(40);
        _container.WebLookup.Lookup("permit")[0].Entry.Term.ShouldBe("permit");
        _container.WebLookup.Lookup("licence")[0].ShouldBe(_container.WebLookup.Lookup("permit")[0]);
        _container.WebLookup.Lookup("x").ShouldBeEmpty();
    }

    [Fact]
    public void Generating_a_definition_stores_and_validates_it()
    {
        var generated = _container.Definitions.Generate("appeal", "administrative law");

        generated.Definition.Id.ShouldBe(21);
        generated.Definition.Text.ShouldBe("request to a court to review a decision");
        generated.Validation.IsValid.ShouldBeTrue();
        generated.Prompt.Text.ShouldContain("'appeal'");
        _container.Repository.Count.ShouldBe(21);
    }

    [Fact]
    public void Workflow_establishes_a_good_definition_and_refuses_a_bad_one()
    {
        _container.Workflow.MoveTo(1, DefinitionStatus.Review);
        _container.Workflow.MoveTo(1, DefinitionStatus.Established).Status.ShouldBe(DefinitionStatus.Established);

        _container.Workflow.MoveTo(13, DefinitionStatus.Review);
        Should.Throw<InvalidOperationException>(() => _container.Workflow.MoveTo(13, DefinitionStatus.Established))
            .Message.ShouldContain("ESS-03");
        Should.Throw<InvalidOperationException>(() => _container.Workflow.MoveTo(2, DefinitionStatus.Archived));
    }

    [Fact]
    public void Editing_keeps_history_and_revalidates()
    {
        var outcome = _container.Edit.Edit(17, "sum of money that an authority charges a party for handling a request");

        outcome.Version.ShouldBe(2);
        outcome.Validation.IsValid.ShouldBeTrue();
        _container.Edit.History(17).ShouldBe(["charge"]);
    }

    [Fact]
    public void Aggregation_counts_valid_definitions_and_violations_per_rule()
    {
        var report = _container.Aggregation.Aggregate();

        report.Definitions.ShouldBe(20);
        report.ValidDefinitions.ShouldBe(12);
        report.ByStatus[DefinitionStatus.Draft].ShouldBe(20);
        report.ViolationsByRule["STR-03"].ShouldBe(2);
        report.ViolationsByRule.Values.Sum().ShouldBe(36);
    }
}
