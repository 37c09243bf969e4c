using PerfGate.Core.GitHub;

namespace PerfGate.Core.Tests.GitHub;

/// <summary>A fake GitHub, a connection to it with a recognisable fake token, a recording clock, and a captured log.</summary>
internal sealed class PublisherHarness : IAsyncDisposable
{
    public const string FakeToken = "ghs_FAKEtoken1234567890";
    public const string Marker = "<!-- perfgate:report -->";

    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    private PublisherHarness(FakeGitHubServer server, GitHubConnectionOptions? options, Uri? apiUrl)
    {
        Server = server;
        Connection = new GitHubConnection(_http, apiUrl ?? server.ApiUrl, new GitHubToken(FakeToken), options, Clock, Clock.Delay, Log.Add);
        Comments = new IssueCommentsClient(Connection);
        Publisher = new PullRequestCommentPublisher(Comments);
        Context = new GitHubContext
        {
            Token = new GitHubToken(FakeToken),
            ApiUrl = apiUrl ?? server.ApiUrl,
            Owner = "octo-org",
            Repository = "perf-repo",
            PullRequestNumber = 12,
            EventName = "pull_request",
        };
    }

    public FakeGitHubServer Server { get; }

    public TestClock Clock { get; } = new();

    public List<string> Log { get; } = [];

    public GitHubConnection Connection { get; }

    public IssueCommentsClient Comments { get; }

    public PullRequestCommentPublisher Publisher { get; }

    public GitHubContext Context { get; }

    public static async Task<PublisherHarness> StartAsync(GitHubConnectionOptions? options = null, Uri? apiUrl = null) =>
        new(await FakeGitHubServer.StartAsync(), options, apiUrl);

    public Task<PublishOutcome> PublishAsync(string markdown) => Publisher.PublishAsync(markdown, Marker, Context);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await Server.DisposeAsync();
    }
}
