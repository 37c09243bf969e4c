using PerfGate.Cli.Tests.Faults;

namespace PerfGate.Cli.Tests.Postgres;

/// <summary>
/// The verbs over a real PostgreSQL history: chosen by PERFGATE_HISTORY or --history, one database for several projects,
/// <c>history copy</c> both ways, and the password in no output.
/// </summary>
public sealed class PostgresHistoryCliTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        _cli.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void The_verbs_use_the_database_PERFGATE_HISTORY_names_and_never_print_its_password()
    {
        _cli.Variables["PERFGATE_HISTORY"] = _database.ConnectionString;
        _cli.Variables["GITHUB_REPOSITORY"] = "acme/parser";
        var outputs = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var check = _cli.Run("check", "--results", i == 3 ? CliRunner.Run2 : CliRunner.Run1, "--record", "--branch", "main", "--commit", $"c{i}abc");
            check.Code.ShouldBeOneOf(0, 1);
            check.Out.ShouldContain($"recorded run");
            check.Out.ShouldContain("postgresql://perfgate@127.0.0.1:");
            check.Out.ShouldContain("(project 'acme/parser')");
            check.Error.ShouldNotContain("steps were not stored");
            outputs.Add(check.Out + check.Error);
        }

        foreach (var verb in new[] { new[] { "status" }, ["alerts"], ["report"], ["export", "--format", "csv", "--output", _cli.Path("export.csv")], ["compare", "c1abc", "c3abc"], ["history", "prune"] })
        {
            var run = _cli.Run(verb);
            run.Code.ShouldBe(0, $"{string.Join(' ', verb)}: {run.Error}");
            outputs.Add(run.Out + run.Error);
        }

        outputs[3].ShouldContain("c3abc");
        _database.ResultsPerCommit("acme/parser").Keys.ShouldBe(["c1abc", "c2abc", "c3abc"], ignoreOrder: true);
        File.Exists(_cli.Path(".perfgate", "history.db")).ShouldBeFalse("nothing went to the default SQLite file");

        // A wrong password through --history (and --verbose, which prints the exception): refused, exit 2, not repeated.
        const string Wrong = "wrong-Pa55word-seen-nowhere";
        var bad = _database.ConnectionString.Replace(_database.Password, Wrong, StringComparison.Ordinal);
        var refused = _cli.Run("status", "--history", bad, "--verbose");
        refused.Code.ShouldBe(2);
        refused.Error.ShouldContain("refused the login");
        outputs.Add(refused.Out + refused.Error);

        foreach (var output in outputs)
        {
            output.ShouldNotContain(_database.Password);
            output.ShouldNotContain(Wrong);
        }
    }

    [Fact]
    public void Projects_share_one_database_without_mixing_their_runs()
    {
        _cli.Variables["PERFGATE_HISTORY"] = _database.ConnectionString;
        _cli.Run("check", "--results", CliRunner.Run1, "--record", "--branch", "main", "--commit", "a1a1a1a1", "--project", "acme/one").Code.ShouldBeOneOf(0, 1);
        _cli.Variables["PERFGATE_PROJECT"] = "acme/two";
        _cli.Run("check", "--results", CliRunner.Run2, "--record", "--branch", "main", "--commit", "b2b2b2b2").Code.ShouldBeOneOf(0, 1);

        var one = _cli.Run("status", "--project", "acme/one");
        var two = _cli.Run("status");
        one.Out.ShouldContain("a1a1a1a");
        one.Out.ShouldNotContain("b2b2b2b");
        two.Out.ShouldContain("b2b2b2b");
        two.Out.ShouldNotContain("a1a1a1a");
        _database.ResultsPerCommit("acme/one").Keys.ShouldBe(["a1a1a1a1"]);
        _database.ResultsPerCommit("acme/two").Keys.ShouldBe(["b2b2b2b2"]);
        _cli.Run("status", "--project", "  ").Code.ShouldBe(2);
    }

    [Fact]
    public void History_copy_moves_a_sqlite_history_to_postgres_and_back()
    {
        var sqlite = _cli.Path("history.db");
        for (var i = 1; i <= 3; i++)
        {
            _cli.Run("check", "--results", i == 2 ? CliRunner.Run2 : CliRunner.Run1, "--history", sqlite, "--record", "--branch", "main", "--commit", $"d{i}dddd").Code.ShouldBeOneOf(0, 1);
        }

        var statusBefore = _cli.Run("status", "--history", sqlite).Out;
        var alertsBefore = _cli.Run("alerts", "--history", sqlite).Out;

        var there = _cli.Run("history", "copy", "--from", sqlite, "--to", _database.ConnectionString, "--project", "acme/moved");
        there.Code.ShouldBe(0, there.Error);
        there.Out.ShouldContain("copied 3 run(s)");
        there.Out.ShouldNotContain(_database.Password);
        _cli.Run("status", "--history", _database.ConnectionString, "--project", "acme/moved").Out.ShouldBe(statusBefore);
        _cli.Run("alerts", "--history", _database.ConnectionString, "--project", "acme/moved").Out.ShouldBe(alertsBefore);

        var again = _cli.Run("history", "copy", "--from", sqlite, "--to", _database.ConnectionString, "--project", "acme/moved");
        again.Code.ShouldBe(2);
        again.Error.ShouldContain("not empty");
        _database.ResultsPerCommit("acme/moved").Count.ShouldBe(3);

        var backPath = _cli.Path("back", "history.db");
        var back = _cli.Run("history", "copy", "--from", _database.ConnectionString, "--to", backPath, "--project", "acme/moved");
        back.Code.ShouldBe(0, back.Error);
        _cli.Run("status", "--history", backPath).Out.ShouldBe(statusBefore);
        _cli.Run("alerts", "--history", backPath).Out.ShouldBe(alertsBefore);

        _cli.Run("history", "copy", "--from", sqlite, "--to", sqlite).Code.ShouldBe(2);
        _cli.Run("history", "copy", "--from", _cli.Path("missing.db"), "--to", _cli.Path("x.db")).Code.ShouldBe(2);
    }

    [Fact]
    public void The_dashboard_over_a_shared_database_draws_one_projects_series()
    {
        _cli.Variables["PERFGATE_HISTORY"] = _database.ConnectionString;
        var one = ResultsFiles.WithNames(_cli.Path("one", "One-report-full.json"), ["OnlyInProjectOne"]);
        var two = ResultsFiles.WithNames(_cli.Path("two", "Two-report-full.json"), ["OnlyInProjectTwo"]);
        _cli.Run("check", "--results", one, "--record", "--branch", "main", "--commit", "e1e1e1e1", "--project", "acme/one").Code.ShouldBe(0);
        _cli.Run("check", "--results", two, "--record", "--branch", "main", "--commit", "f2f2f2f2", "--project", "acme/two").Code.ShouldBe(0);

        var drawn = _cli.Run("dashboard", "--out", _cli.Path("site-one"), "--project", "acme/one");

        drawn.Code.ShouldBe(0, drawn.Error);
        drawn.Out.ShouldContain("1 series");
        drawn.Out.ShouldNotContain(_database.Password);
        var page = File.ReadAllText(_cli.Path("site-one", "index.html"));
        page.ShouldContain("OnlyInProjectOne");
        page.ShouldNotContain("OnlyInProjectTwo");
    }
}
