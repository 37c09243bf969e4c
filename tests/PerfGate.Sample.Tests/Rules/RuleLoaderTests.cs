using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Tests.Rules;

public sealed class RuleLoaderTests
{
    [Fact]
    public void Loads_every_rule_file_with_unique_ids()
    {
        var files = Directory.GetFiles(TestData.RulesDirectory, "*.json");

        var rules = RuleLoader.Load(TestData.RulesDirectory);

        files.Length.ShouldBe(46);
        rules.Count.ShouldBe(files.Length);
        rules.Rules.Select(r => r.Id).Distinct().Count().ShouldBe(files.Length);
        rules.Rules.Select(r => r.Id + ".json").ShouldBe(files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_rule_has_a_category_text_and_a_check()
    {
        var rules = RuleLoader.Load(TestData.RulesDirectory);

        rules.Categories.ShouldBe(["ARAI", "CON", "ESS", "INT", "SAM", "STR", "VER"]);
        rules.Rules.ShouldAllBe(r => r.Id.StartsWith(r.Category + "-", StringComparison.Ordinal));
        rules.Rules.ShouldAllBe(r => r.Name.Length > 5 && r.Description.Length > 20 && r.Weight > 0);
        rules.Rules.ShouldAllBe(r => r.Check != new RuleCheck());
        rules.TotalWeight.ShouldBe(rules.Rules.Sum(r => r.Weight));
    }

    [Fact]
    public void Rejects_a_rule_without_an_id()
    {
        var error = Should.Throw<InvalidDataException>(() => RuleLoader.Parse("""{ "category": "X", "name": "n", "severity": "low" }""", "bad.json"));
        error.Message.ShouldContain("bad.json");
    }

    [Fact]
    public void Rejects_an_unknown_severity()
    {
        Should.Throw<InvalidDataException>(() => RuleLoader.Parse("""{ "id": "X-1", "category": "X", "name": "n", "severity": "huge" }""", "x.json"))
            .Message.ShouldContain("huge");
    }

    [Fact]
    public void Rejects_duplicate_ids_in_one_directory()
    {
        var directory = TestData.TempDirectory();
        const string rule = """{ "id": "X-1", "category": "X", "name": "name", "severity": "low", "check": { "minWords": 2 } }""";
        File.WriteAllText(Path.Combine(directory, "a.json"), rule);
        File.WriteAllText(Path.Combine(directory, "b.json"), rule);

        Should.Throw<InvalidDataException>(() => RuleLoader.Load(directory)).Message.ShouldContain("X-1");
    }

    [Fact]
    public void A_missing_directory_is_reported_by_name()
    {
        Should.Throw<DirectoryNotFoundException>(() => RuleLoader.Load("/nonexistent/rules")).Message.ShouldContain("/nonexistent/rules");
    }
}
