using PerfGate.Cli.Commands;
using PerfGate.Cli.Compare;
using PerfGate.Core.History;

namespace PerfGate.Cli.Tests.Verbs;

/// <summary>Every form of a compare reference, and every way one can be wrong, against real SQLite histories.</summary>
public sealed class RunResolverTests(RecordedHistory history) : IClassFixture<RecordedHistory>
{
    [Theory]
    [InlineData("#12", nameof(RunReferenceKind.RunId), "12")]
    [InlineData("run:12", nameof(RunReferenceKind.RunId), "12")]
    [InlineData("RUN:7", nameof(RunReferenceKind.RunId), "7")]
    [InlineData("commit:ABCD12", nameof(RunReferenceKind.Commit), "ABCD12")]
    [InlineData("branch:feature/x", nameof(RunReferenceKind.Branch), "feature/x")]
    [InlineData("path:results/", nameof(RunReferenceKind.Path), "results/")]
    [InlineData("12", nameof(RunReferenceKind.Auto), "12")]
    [InlineData("main", nameof(RunReferenceKind.Auto), "main")]
    [InlineData(" abc123 ", nameof(RunReferenceKind.Auto), "abc123")]
    public void References_parse_into_their_kind(string text, string kind, string value)
    {
        var reference = RunReference.Parse(text);

        reference.Kind.ShouldBe(Enum.Parse<RunReferenceKind>(kind));
        reference.Value.ShouldBe(value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#")]
    [InlineData("#-3")]
    [InlineData("#0")]
    [InlineData("run:abc")]
    [InlineData("commit:abc")]
    [InlineData("commit:xyz12")]
    [InlineData("branch:")]
    public void Malformed_references_are_usage_errors(string text) =>
        Should.Throw<UsageException>(() => RunReference.Parse(text));

    [Fact]
    public void Ids_commits_branches_and_paths_resolve_against_the_recorded_history()
    {
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var resolver = Resolver(history.Cli, store);

        var byId = resolver.Resolve(RunReference.Parse("#3"));
        byId.Stored!.Id.ShouldBe(3);
        byId.Run.Results.Length.ShouldBe(24);
        byId.ResolvedAs.ShouldBe(RunReferenceKind.RunId);

        // A bare all-digit token is a run id when that run exists ("0010" is run #10, not commit 0010…).
        resolver.Resolve(RunReference.Parse("0010")).Stored!.Id.ShouldBe(10);

        var byCommit = resolver.Resolve(RunReference.Parse(RecordedHistory.CommitOf(4)[..6]));
        byCommit.ResolvedAs.ShouldBe(RunReferenceKind.Commit);
        byCommit.Run.Commit.ShouldBe(RecordedHistory.CommitOf(4));
        resolver.Resolve(RunReference.Parse("commit:" + RecordedHistory.CommitOf(4).ToUpperInvariant()[..5])).Stored!.Id.ShouldBe(history.RunIds[4]);

        var byBranch = resolver.Resolve(RunReference.Parse("main"));
        byBranch.ResolvedAs.ShouldBe(RunReferenceKind.Branch);
        byBranch.Stored!.Id.ShouldBe(history.RunIds[^1]);

        var byPath = resolver.Resolve(RunReference.Parse("source"));
        byPath.ResolvedAs.ShouldBe(RunReferenceKind.Path);
        byPath.Path.ShouldBe(history.Cli.Path("source"));
        byPath.Run.Results.Length.ShouldBe(24);
        byPath.Description.ShouldBe($"{history.Cli.Path("source")}, 24 benchmarks");
    }

    [Fact]
    public void Unknown_ids_branches_commits_and_paths_are_usage_errors_naming_what_was_missing()
    {
        using var store = new SqliteHistoryStore(history.HistoryPath);
        var resolver = Resolver(history.Cli, store);

        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("#31"))).Message.ShouldContain("no run #31");
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("branch:develop"))).Message.ShouldContain("no recorded run on branch 'develop'");
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("commit:beef"))).Message.ShouldContain("no recorded run has a commit starting with 'beef'");
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("path:missing/results"))).Message.ShouldContain("no such file or folder");
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("develop"))).Message.ShouldContain("'develop' is neither");
    }

    [Fact]
    public void A_commit_prefix_shared_by_two_commits_is_ambiguous_and_lists_both_while_a_commit_recorded_twice_is_its_newest_run()
    {
        using var cli = new CliRunner();
        var results = Path.GetDirectoryName(history.Source)!;
        foreach (var commit in new[] { "abcd1111", "abcd2222", "abcd2222", "12345678" })
        {
            var (code, _, error) = cli.Run("check", "--results", results, "--history", "h.db", "--record", "--branch", "main", "--commit", commit.PadRight(40, '0'));
            code.ShouldBe(0, error);
        }

        using var store = new SqliteHistoryStore(cli.Path("h.db"));
        var resolver = Resolver(cli, store);

        var ambiguous = Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("abcd")));
        ambiguous.Message.ShouldContain("ambiguous");
        ambiguous.Message.ShouldContain("abcd1111".PadRight(40, '0') + " (run #1)");
        ambiguous.Message.ShouldContain("abcd2222".PadRight(40, '0') + " (run #3)");
        resolver.Resolve(RunReference.Parse("abcd2")).Stored!.Id.ShouldBe(3);

        // All digits, but there is no run #1234: a commit prefix.
        resolver.Resolve(RunReference.Parse("1234")).Stored!.Id.ShouldBe(4);
    }

    [Fact]
    public void Without_a_history_only_paths_resolve()
    {
        using var cli = new CliRunner();
        var resolver = new RunResolver(new CliEnvironment(TextWriter.Null, TextWriter.Null, cli.Variables, cli.Directory, cli.Clock), () => null, "missing.db");

        resolver.Resolve(RunReference.Parse(history.Source)).Run.Results.Length.ShouldBe(24);
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("#1"))).Message.ShouldContain("missing.db: no history file");
        Should.Throw<UsageException>(() => resolver.Resolve(RunReference.Parse("main"))).Message.ShouldContain("no history at missing.db");
    }

    private static RunResolver Resolver(CliRunner cli, SqliteHistoryStore store) =>
        new(new CliEnvironment(TextWriter.Null, TextWriter.Null, cli.Variables, cli.Directory, cli.Clock), () => store, store.Path);
}
