using System.Text;
using PerfGate.Core.Tests.GitHub;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// The GitHub token never leaks (issue 6, part 4): with a recognisable fake token in the token variable, a real
/// <c>perfgate check --record --github-comment</c> at normal and --verbose verbosity, across the GitHub faults and the
/// failures that end in an exception, writes the token nowhere — stdout, stderr, the markdown and JSON reports, the job
/// summary, the history file — except the one <c>::add-mask::</c> line under GITHUB_ACTIONS=true, which is the point of masking.
/// </summary>
[Trait("Category", "Hardening")]
public sealed class SecretLeakTests
{
    public static TheoryData<string, bool, bool> Cases()
    {
        var data = new TheoryData<string, bool, bool>();
        var scenarios = Enum.GetNames<Fault>().Concat(["CorruptHistory", "BadResults", "Unauthorized"]);
        foreach (var scenario in scenarios)
        {
            foreach (var verbose in new[] { false, true })
            {
                foreach (var actions in new[] { false, true })
                {
                    data.Add(scenario, verbose, actions);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_token_appears_nowhere_but_the_mask_command(string scenario, bool verbose, bool actions)
    {
        await using var server = await FakeGitHubServer.StartAsync();
        using var cli = new CliRunner();
        var api = Enum.TryParse<Fault>(scenario, out var fault) ? GitHubCli.Arrange(fault, server, cli) : server.ApiUrl.AbsoluteUri;
        var results = GitHubCli.Results(cli, failing: true);
        var history = cli.Path("history.db");
        switch (scenario)
        {
            case "CorruptHistory":
                File.WriteAllText(history, "not a database, and the token is not here either\n");
                break;
            case "BadResults":
                results = cli.Path("bad-report-full.json");
                File.WriteAllText(results, "{\"Benchmarks\": [ {\"Method\": ");
                break;
            case "Unauthorized":
                server.Script.Enqueue(new Scripted(401, Body: "{\"message\":\"Bad credentials\"}"));
                break;
        }

        var summary = cli.Path("summary.md");
        var variables = GitHubCli.Variables(api, summary, actions, boundSeconds: 3);
        string[] args =
        [
            "check", "--results", results, "--baseline", GitHubCli.Run1, "--history", history, "--record", "--branch", "feature", "--commit", "abc123",
            "--markdown", "report.md", "--json", "verdict.json", "--github-comment", "--pr", "12", .. verbose ? new[] { "--verbose" } : [],
        ];

        var run = PerfGateProcess.Run(args, variables, cli.Directory);

        run.Code.ShouldBe(scenario is "CorruptHistory" or "BadResults" ? 2 : 1, run.ToString());
        run.Error.ShouldNotContain(GitHubCli.Token);
        var leaking = run.Out.Split('\n').Where(l => l.Contains(GitHubCli.Token, StringComparison.Ordinal)).ToList();
        if (actions && run.Code != 2)
        {
            leaking.ShouldHaveSingleItem().TrimEnd('\r').ShouldBe("::add-mask::" + GitHubCli.Token);
            run.Out.IndexOf(GitHubCli.Token, StringComparison.Ordinal).ShouldBe(run.Out.LastIndexOf(GitHubCli.Token, StringComparison.Ordinal));
        }
        else
        {
            leaking.ShouldBeEmpty();
        }

        var files = new[] { cli.Path("report.md"), cli.Path("verdict.json"), summary, history, history + "-wal", history + "-shm" };
        foreach (var file in files.Where(File.Exists))
        {
            Contains(File.ReadAllBytes(file), GitHubCli.Token).ShouldBeFalse($"the token is in {file}");
        }

        if (run.Code != 2)
        {
            File.Exists(cli.Path("report.md")).ShouldBeTrue();
            File.Exists(cli.Path("verdict.json")).ShouldBeTrue();
            File.Exists(history).ShouldBeTrue();
            if (scenario != nameof(Fault.SummaryIsAFolder))
            {
                File.Exists(summary).ShouldBeTrue();
            }
        }

        // Sent only where it belongs: the Authorization header, never a path, a query or a body. Every scenario that
        // reaches the GitHub step against this server sends requests, so the loop below has something to check.
        if (run.Code != 2 && scenario != nameof(Fault.Refused))
        {
            server.Requests.ShouldNotBeEmpty();
        }

        foreach (var request in server.Requests)
        {
            request.PathAndQuery.ShouldNotContain(GitHubCli.Token);
            request.Body.ShouldNotContain(GitHubCli.Token);
            request.Headers["Authorization"].ShouldBe("Bearer " + GitHubCli.Token);
        }
    }

    private static bool Contains(byte[] haystack, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var utf16 = Encoding.Unicode.GetBytes(text);
        return haystack.AsSpan().IndexOf(utf8) >= 0 || haystack.AsSpan().IndexOf(utf16) >= 0;
    }
}
