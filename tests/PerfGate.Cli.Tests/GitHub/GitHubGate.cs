using System.Text.Json;
using PerfGate.Cli.Tests.Faults;
using PerfGate.Core.Tests.GitHub;

namespace PerfGate.Cli.Tests.GitHub;

/// <summary>An in-process <c>perfgate check</c> set up as a GitHub Actions job against the loopback fake GitHub.</summary>
internal sealed class GitHubGate : IAsyncDisposable
{
    public const string HeadSha = "feedfacefeedfacefeedfacefeedfacefeedface";
    public const string MergeSha = "0123456789abcdef0123456789abcdef01234567";

    private GitHubGate(FakeGitHubServer server)
    {
        Server = server;
        foreach (var (key, value) in GitHubCli.Variables(server.ApiUrl.AbsoluteUri, Cli.Path("summary.md"), actions: false, boundSeconds: 20))
        {
            Cli.Variables[key] = value;
        }

        Cli.Variables["GITHUB_SHA"] = MergeSha;
    }

    public FakeGitHubServer Server { get; }

    public CliRunner Cli { get; } = new();

    public static async Task<GitHubGate> StartAsync() => new(await FakeGitHubServer.StartAsync());

    /// <summary>A pull_request event for PR #12 with head <see cref="HeadSha"/> and these labels.</summary>
    public void PullRequestEvent(params string[] labels)
    {
        var path = Cli.Path("event.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            action = "labeled",
            number = 12,
            pull_request = new { number = 12, head = new { sha = HeadSha }, labels = labels.Select(l => new { name = l }).ToArray() },
        }));
        Cli.Variables["GITHUB_EVENT_PATH"] = path;
        Cli.Variables["GITHUB_EVENT_NAME"] = "pull_request";
    }

    /// <summary>A push event: no PR in the payload.</summary>
    public void PushEvent(string sha)
    {
        var path = Cli.Path("event.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { @ref = "refs/heads/main", after = sha }));
        Cli.Variables["GITHUB_EVENT_PATH"] = path;
        Cli.Variables["GITHUB_EVENT_NAME"] = "push";
        Cli.Variables["GITHUB_SHA"] = sha;
    }

    /// <summary>Results with one benchmark 3× slower (and 2× the allocations) than <see cref="GitHubCli.Run1"/>, or a second real run that passes.</summary>
    public string Results(bool failing) => GitHubCli.Results(Cli, failing);

    public (int Code, string Out, string Error) Check(bool failing, params string[] extra) =>
        Cli.Run(["check", "--results", Results(failing), "--baseline", GitHubCli.Run1, "--json", "verdict.json", .. extra]);

    public JsonElement Verdict() => JsonDocument.Parse(File.ReadAllText(Cli.Path("verdict.json"))).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Cli.Dispose();
        await Server.DisposeAsync();
    }
}
