using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace PerfGate.Core.GitHub;

/// <summary>
/// What a GitHub Actions run tells PerfGate through its environment. Built by <see cref="FromEnvironment"/> from a
/// dictionary (the CLI passes the process environment), so it is testable; the event file is the only file it reads.
/// Printing it is safe: the token prints as <c>***</c>.
/// </summary>
public sealed record GitHubContext
{
    public GitHubToken? Token { get; init; }

    public Uri ApiUrl { get; init; } = GitHubConnection.DefaultApiUrl;

    public Uri ServerUrl { get; init; } = new("https://github.com/");

    public string? Owner { get; init; }

    public string? Repository { get; init; }

    /// <summary>The PR to comment on: <c>--pr</c>, else from the event payload.</summary>
    public int? PullRequestNumber { get; init; }

    /// <summary><c>GITHUB_SHA</c>: for <c>pull_request</c> events the merge commit, not the PR head.</summary>
    public string? Sha { get; init; }

    /// <summary>The PR's head commit from the event (<c>pull_request.head.sha</c>, <c>workflow_run.head_sha</c>), where a commit status belongs.</summary>
    public string? HeadSha { get; init; }

    public string? HeadRef { get; init; }

    /// <summary>
    /// The PR's labels as the event saw them (<c>pull_request.labels[].name</c>): what the accept label is read from,
    /// never the PR's files. Empty when the event has no <c>pull_request</c>.
    /// </summary>
    public ImmutableArray<string> Labels { get; init; } = [];

    public string? EventName { get; init; }

    public string? RunId { get; init; }

    public string? StepSummaryPath { get; init; }

    /// <summary><c>GITHUB_ACTIONS=true</c>: workflow commands (annotations, masks) are understood.</summary>
    public bool IsGitHubActions { get; init; }

    /// <summary>The name of the variable the token was read from, for messages.</summary>
    public string TokenVariable { get; init; } = "GITHUB_TOKEN";

    /// <summary>Why some fields are missing (unreadable event file…); for a verbose log, not errors.</summary>
    public ImmutableArray<string> Problems { get; init; } = [];

    /// <summary>The link to this workflow run, when the run id and repository are known.</summary>
    public Uri? RunUrl => Owner is not null && Repository is not null && RunId is not null
        ? new Uri(ServerUrl, $"{Uri.EscapeDataString(Owner)}/{Uri.EscapeDataString(Repository)}/actions/runs/{Uri.EscapeDataString(RunId)}")
        : null;

    public static GitHubContext FromEnvironment(IReadOnlyDictionary<string, string?> env, int? prOverride = null, string tokenEnvName = "GITHUB_TOKEN")
    {
        string? Get(string name) => env.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var problems = ImmutableArray.CreateBuilder<string>();
        var token = Get(tokenEnvName);
        string? owner = null, repository = null;
        if (Get("GITHUB_REPOSITORY") is { } fullName)
        {
            var slash = fullName.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && slash < fullName.Length - 1)
            {
                owner = fullName[..slash];
                repository = fullName[(slash + 1)..];
            }
            else
            {
                problems.Add("GITHUB_REPOSITORY is not owner/repo");
            }
        }

        var eventInfo = EventInfo.Empty;
        if (Get("GITHUB_EVENT_PATH") is { } eventPath)
        {
            try
            {
                using var stream = File.OpenRead(eventPath);
                eventInfo = EventInfo.Read(stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
            {
                problems.Add("could not read the event file in GITHUB_EVENT_PATH: " + ex.GetType().Name);
            }
        }

        return new GitHubContext
        {
            Token = token is null ? null : new GitHubToken(token),
            TokenVariable = tokenEnvName,
            ApiUrl = Url(Get("GITHUB_API_URL"), GitHubConnection.DefaultApiUrl, "GITHUB_API_URL", problems),
            ServerUrl = Url(Get("GITHUB_SERVER_URL"), new Uri("https://github.com/"), "GITHUB_SERVER_URL", problems),
            Owner = owner,
            Repository = repository,
            PullRequestNumber = prOverride ?? eventInfo.PullRequestNumber,
            Sha = Get("GITHUB_SHA"),
            HeadSha = eventInfo.HeadSha ?? Get("GITHUB_SHA"),
            HeadRef = Get("GITHUB_HEAD_REF"),
            Labels = eventInfo.Labels,
            EventName = Get("GITHUB_EVENT_NAME"),
            RunId = Get("GITHUB_RUN_ID"),
            StepSummaryPath = Get("GITHUB_STEP_SUMMARY"),
            IsGitHubActions = string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase),
            Problems = problems.ToImmutable(),
        };
    }

    private static Uri Url(string? value, Uri fallback, string name, ImmutableArray<string>.Builder problems)
    {
        if (value is null)
        {
            return fallback;
        }

        if (Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            return uri;
        }

        problems.Add(name + " is not an http(s) URL; using " + fallback.AbsoluteUri);
        return fallback;
    }

    /// <summary>The PR number and head commit from the event payload (pull_request, issue_comment, workflow_run).</summary>
    private sealed record EventInfo(int? PullRequestNumber, string? HeadSha, ImmutableArray<string> Labels = default)
    {
        public static readonly EventInfo Empty = new(null, null, []);

        public ImmutableArray<string> Labels { get; } = Labels.IsDefault ? [] : Labels;

        public static EventInfo Read(Stream stream)
        {
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            if (root.TryGetProperty("pull_request", out var pr) && pr.ValueKind == JsonValueKind.Object)
            {
                var labels = pr.TryGetProperty("labels", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray().Select(l => Str(l, "name")).OfType<string>().ToImmutableArray()
                    : [];
                return new EventInfo(Int(pr, "number") ?? Int(root, "number"), Str(pr, "head", "sha"), labels);
            }

            if (root.TryGetProperty("workflow_run", out var run) && run.ValueKind == JsonValueKind.Object)
            {
                // Empty for PRs from forks (GitHub leaves pull_requests empty there): resolve by head SHA through the API instead.
                int? number = null;
                if (run.TryGetProperty("pull_requests", out var prs) && prs.ValueKind == JsonValueKind.Array && prs.GetArrayLength() > 0)
                {
                    number = Int(prs[0], "number");
                }

                return new EventInfo(number, Str(run, "head_sha"));
            }

            if (root.TryGetProperty("issue", out var issue) && issue.ValueKind == JsonValueKind.Object
                && issue.TryGetProperty("pull_request", out _))
            {
                return new EventInfo(Int(issue, "number"), null);
            }

            return new EventInfo(Int(root, "number"), null);
        }

        private static int? Int(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0
                ? n
                : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
                    ? s
                    : null;

        private static string? Str(JsonElement element, params string[] path)
        {
            foreach (var name in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return null;
                }
            }

            return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        }
    }
}
