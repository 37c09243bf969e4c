using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// SQL injection (issue 6, part 4): hostile benchmark names, branch and commit strings go through the CLI into the
/// history and come back intact, and no SQL in src/ is built from non-constant text (<see cref="SqlSourceScan"/>).
/// </summary>
[Trait("Category", "Hardening")]
public sealed class SqlInjectionTests
{
    private static readonly string[] HostileNames =
    [
        "'; DROP TABLE runs; --",
        "Robert'); DROP TABLE results; --",
        "\" OR 1=1 --",
        "x' OR '1'='1",
        "$prefix",
        "@p0 :name ?1",
        "percent%_under*star?[glob]",
        "back\\slash",
        "Ünïcödé ✓ 名前 🚀",
        "rtl\u202Eevil zero\u200Bwidth",
    ];

    private const string HostileBranch = "main'; DELETE FROM runs; --";

    private const string HostileCommit = "'); DROP TABLE series; -- ✓";

    [Fact]
    public void Hostile_names_branches_and_commits_are_recorded_and_read_back_intact()
    {
        using var cli = new CliRunner();
        var results = ResultsFiles.WithNames(cli.Path("r", "Hostile-report-full.json"), HostileNames);
        var history = cli.Path("history.db");

        var first = cli.Run("check", "--results", results, "--history", history, "--record", "--branch", HostileBranch, "--commit", HostileCommit);
        first.Code.ShouldBe(0, first.Error);
        var second = cli.Run("check", "--results", results, "--history", history, "--record", "--branch", HostileBranch, "--commit", HostileCommit + "2",
            "--baseline-branch", HostileBranch, "--json", "verdict.json");
        second.Code.ShouldBe(0, second.Error);

        using var store = new SqliteHistoryStore(history);
        var runs = store.FindRunsByCommit(HostileCommit);
        runs.Count.ShouldBe(2);
        runs.ShouldAllBe(r => r.Branch == HostileBranch);
        runs.Select(r => r.Commit).ShouldBe([HostileCommit + "2", HostileCommit], ignoreOrder: true);
        store.FindRunsByCommit("'").Count.ShouldBe(2);
        store.FindRunsByCommit("%").ShouldBeEmpty();

        foreach (var run in runs)
        {
            var names = store.GetResults(run.Id).Select(r => r.FullName).ToList();
            names.ShouldBe(HostileNames.Select(n => "BdnFixtures.ParserBenchmarks." + n), ignoreOrder: true);
        }

        // The second check read the first run back through the hostile branch name: every benchmark had history.
        var recent = store.GetRecent(HostileBranch, [.. store.GetResults(runs[0].Id).Select(r => r.SeriesKey)], 10, null);
        recent.Count.ShouldBe(HostileNames.Length);
        recent.Values.ShouldAllBe(points => points.Length == 2);
        store.CheckIntegrity().ShouldBeEmpty();
    }

    [Fact]
    public void No_sql_in_src_is_built_from_non_constant_text()
    {
        var root = RepoPaths.Root;
        var findings = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SqlSourceScan.Scan(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();

        findings.ShouldBeEmpty(string.Join("\n", findings));
    }

    [Theory]
    [InlineData("command.CommandText = $\"SELECT id FROM runs WHERE branch = '{branch}';\";")]
    [InlineData("command.CommandText = $@\"DELETE FROM runs WHERE commit_sha = '{commit}'\";")]
    [InlineData("command.CommandText = $\"\"\"\n    SELECT {RunColumns} FROM runs WHERE branch = '{request.Branch}'\n    \"\"\";")]
    [InlineData("command.CommandText = \"SELECT id FROM runs WHERE branch = '\" + branch + \"';\";")]
    [InlineData("var sql = \"DELETE FROM runs WHERE id = \" + id;")]
    [InlineData("sql.Append($\" AND branch = '{filter.Branch}'\");")]
    [InlineData("command.CommandText = query;")]
    [InlineData("command.CommandText = string.Format(\"SELECT * FROM runs WHERE id = {0}\", id);")]
    public void The_scan_catches_injected_sql(string line)
    {
        var source = "class C\n{\n    void M()\n    {\n        " + line + "\n    }\n}\n";
        SqlSourceScan.Scan("src/PerfGate.Core/History/Injected.cs", source).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("command.CommandText = \"SELECT id FROM runs WHERE branch = $branch;\";")]
    [InlineData("command.CommandText = $\"SELECT {RunColumns} FROM runs WHERE id = $id;\";")]
    [InlineData("var message = $\"cannot open {path}: SELECT failed\";")]
    [InlineData("command.CommandText = branch is null\n    ? \"SELECT 1 FROM runs;\"\n    : \"SELECT 1 FROM runs WHERE branch = $branch;\";")]
    public void The_scan_passes_parameterised_sql(string line)
    {
        var source = "class C\n{\n    void M()\n    {\n        " + line + "\n    }\n}\n";
        SqlSourceScan.Scan("src/PerfGate.Core/History/Clean.cs", source).ShouldBeEmpty();
    }
}
