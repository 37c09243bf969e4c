using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PerfGate.Core.Tests.GitHub;

/// <summary>
/// GitHub's issue-comment and commit-status endpoints on loopback Kestrel: in-memory comments, <c>Link</c>
/// pagination, a 65,536-character body limit (422 like GitHub), scripted failures consumed in order, captured requests.
/// The token acts as <see cref="ActorLogin"/>; like <c>GITHUB_TOKEN</c>, it may not ask <c>GET /user</c> unless
/// <see cref="UserEndpointAnswers"/>.
/// </summary>
internal sealed class FakeGitHubServer : IAsyncDisposable
{
    public const string Bot = "github-actions[bot]";

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private long _nextId = 1000;

    private FakeGitHubServer(WebApplication app) => _app = app;

    public Uri ApiUrl { get; private set; } = null!;

    public List<FakeComment> Comments { get; } = [];

    public ConcurrentQueue<Scripted> Script { get; } = new();

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public List<(string Sha, JsonElement Body)> Statuses { get; } = [];

    /// <summary>Who the token is: the author of the comments it creates.</summary>
    public string ActorLogin { get; set; } = Bot;

    public string ActorType { get; set; } = "Bot";

    /// <summary>False (the default, like <c>GITHUB_TOKEN</c>): <c>GET /user</c> is 403 "Resource not accessible by integration".</summary>
    public bool UserEndpointAnswers { get; set; }

    /// <summary>The PR's issue events, oldest first (<c>GET /repos/o/r/issues/N/events</c>): <c>labeled</c>/<c>unlabeled</c> with actor and label.</summary>
    public List<(string Event, string Label, string Actor)> IssueEvents { get; } = [];

    /// <summary>Repository permission per login (<c>GET …/collaborators/{user}/permission</c>): (permission, role_name); absent → 404.</summary>
    public Dictionary<string, (string Permission, string RoleName)> Permissions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The pull requests of a commit (<c>GET …/commits/{sha}/pulls</c>): number, merge commit, labels; merged unless <c>Merged</c> is false.</summary>
    public Dictionary<string, List<(int Number, string MergeCommitSha, string[] Labels, bool Merged)>> CommitPulls { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs after a list request is answered (e.g. to delete the comment before the update arrives).</summary>
    public Action? AfterList { get; set; }

    public static async Task<FakeGitHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeGitHubServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.ApiUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public FakeComment AddComment(string body, string login = "someone", string type = "User")
    {
        lock (_gate)
        {
            var comment = new FakeComment(_nextId++, body, login, type);
            Comments.Add(comment);
            return comment;
        }
    }

    public int CountRequests(string method) => Requests.Count(r => r.Method == method);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new CapturedRequest(
            http.Request.Method,
            http.Request.Path + http.Request.QueryString,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        var segments = http.Request.Path.Value!.Trim('/').Split('/');
        if (Script.TryPeek(out var scripted) && (scripted.Method is null || scripted.Method == http.Request.Method) && Script.TryDequeue(out scripted))
        {
            if (scripted.Lands && http.Request.Method == "POST" && segments is ["repos", _, _, "issues", _, "comments"])
            {
                // The creation happens; only its answer is lost (a timeout, a 502 from a proxy).
                AddComment(JsonDocument.Parse(body).RootElement.GetProperty("body").GetString()!, ActorLogin, ActorType);
            }

            if (scripted.Hang)
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            http.Response.StatusCode = scripted.Status;
            foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
            {
                http.Response.Headers[name] = value;
            }

            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(scripted.Body ?? "{\"message\":\"scripted\"}");
            return;
        }

        switch (http.Request.Method, segments)
        {
            case ("GET", ["user"]):
                if (UserEndpointAnswers)
                {
                    await WriteJsonAsync(http, 200, new { login = ActorLogin, type = ActorType });
                }
                else
                {
                    await WriteJsonAsync(http, 403, new { message = "Resource not accessible by integration" });
                }

                return;
            case ("GET", ["repos", _, _, "issues", _, "comments"]):
                await ListAsync(http);
                AfterList?.Invoke();
                return;
            case ("POST", ["repos", _, _, "issues", _, "comments"]):
                await CreateAsync(http, body);
                return;
            case ("PATCH", ["repos", _, _, "issues", "comments", var id]):
                await UpdateAsync(http, long.Parse(id, CultureInfo.InvariantCulture), body);
                return;
            case ("POST", ["repos", _, _, "statuses", var sha]):
                var status = JsonDocument.Parse(body).RootElement.Clone();
                lock (_gate)
                {
                    Statuses.Add((sha, status));
                }

                await WriteJsonAsync(http, 201, new { id = Statuses.Count, state = status.GetProperty("state").GetString(), description = status.GetProperty("description").GetString(), context = status.GetProperty("context").GetString() });
                return;
            case ("GET", ["repos", _, _, "issues", _, "events"]):
                await WriteJsonAsync(http, 200, IssueEvents.Select((e, i) => new { id = i + 1, @event = e.Event, actor = new { login = e.Actor, type = "User" }, label = new { name = e.Label, color = "ededed" } }).ToList());
                return;
            case ("GET", ["repos", _, _, "collaborators", var user, "permission"]):
                if (Permissions.TryGetValue(Uri.UnescapeDataString(user), out var permission))
                {
                    await WriteJsonAsync(http, 200, new { permission = permission.Permission, role_name = permission.RoleName, user = new { login = Uri.UnescapeDataString(user) } });
                }
                else
                {
                    await WriteJsonAsync(http, 404, new { message = "Not Found" });
                }

                return;
            case ("GET", ["repos", _, _, "commits", var commit, "pulls"]):
                var pulls = CommitPulls.TryGetValue(commit, out var found) ? found : [];
                await WriteJsonAsync(http, 200, pulls.Select(p => new Dictionary<string, object?>
                {
                    ["number"] = p.Number,
                    ["state"] = p.Merged ? "closed" : "open",
                    ["merged_at"] = p.Merged ? "2025-06-01T12:00:00Z" : null,
                    ["merge_commit_sha"] = p.MergeCommitSha,
                    ["labels"] = p.Labels.Select(l => new { name = l }).ToList(),
                }).ToList());
                return;
            default:
                await WriteJsonAsync(http, 404, new { message = "Not Found" });
                return;
        }
    }

    private async Task ListAsync(HttpContext http)
    {
        var perPage = int.TryParse(http.Request.Query["per_page"], out var pp) ? Math.Clamp(pp, 1, 100) : 30;
        var page = int.TryParse(http.Request.Query["page"], out var p) ? p : 1;
        List<FakeComment> all;
        lock (_gate)
        {
            all = [.. Comments];
        }

        var lastPage = Math.Max(1, (int)Math.Ceiling(all.Count / (double)perPage));
        if (page < lastPage)
        {
            var path = http.Request.Path.Value!.TrimStart('/');
            http.Response.Headers["Link"] =
                $"<{ApiUrl}{path}?per_page={perPage}&page={page + 1}>; rel=\"next\", <{ApiUrl}{path}?per_page={perPage}&page={lastPage}>; rel=\"last\"";
        }

        await WriteJsonAsync(http, 200, all.Skip((page - 1) * perPage).Take(perPage).Select(Json).ToList());
    }

    private async Task CreateAsync(HttpContext http, string body)
    {
        var text = JsonDocument.Parse(body).RootElement.GetProperty("body").GetString()!;
        if (text.Length > 65_536)
        {
            await WriteJsonAsync(http, 422, new { message = "Validation Failed: body is too long (maximum is 65536 characters)" });
            return;
        }

        var comment = AddComment(text, ActorLogin, ActorType);
        await WriteJsonAsync(http, 201, Json(comment));
    }

    private async Task UpdateAsync(HttpContext http, long id, string body)
    {
        var text = JsonDocument.Parse(body).RootElement.GetProperty("body").GetString()!;
        FakeComment? comment;
        lock (_gate)
        {
            comment = Comments.FirstOrDefault(c => c.Id == id);
            if (comment is not null)
            {
                comment.Body = text;
            }
        }

        if (comment is null)
        {
            await WriteJsonAsync(http, 404, new { message = "Not Found" });
            return;
        }

        await WriteJsonAsync(http, 200, Json(comment));
    }

    private object Json(FakeComment c) => new Dictionary<string, object>
    {
        ["id"] = c.Id,
        ["body"] = c.Body,
        ["user"] = new Dictionary<string, string> { ["login"] = c.Login, ["type"] = c.Type },
        ["html_url"] = $"https://github.com/o/r/pull/12#issuecomment-{c.Id}",
    };

    private static async Task WriteJsonAsync(HttpContext http, int status, object value)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(JsonSerializer.Serialize(value));
    }
}

internal sealed class FakeComment(long id, string body, string login, string type)
{
    public long Id { get; } = id;

    public string Body { get; set; } = body;

    public string Login { get; } = login;

    public string Type { get; } = type;
}

/// <summary>
/// A response for the next matching request. <see cref="Hang"/> never answers (for timeouts). <see cref="Lands"/>: a
/// comment creation takes effect before the scripted answer (the answer is lost, not the request).
/// </summary>
internal sealed record Scripted(int Status, string? Body = null, Dictionary<string, string>? Headers = null, string? Method = null, bool Hang = false, bool Lands = false);

internal sealed record CapturedRequest(string Method, string PathAndQuery, Dictionary<string, string> Headers, string Body);
