using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PerfGate.Core.GitHub;

/// <summary>
/// The bottom layer of the REST client (after Octokit's <c>Connection</c>): base address, authentication, JSON,
/// retries and the one place that maps HTTP statuses to exceptions. Retries 5xx, 429, secondary rate limits (403 with
/// <c>retry-after</c> or <c>x-ratelimit-remaining: 0</c>), timeouts and network errors with exponential backoff and
/// jitter, honouring <c>Retry-After</c> and <c>x-ratelimit-reset</c>, within <see cref="GitHubConnectionOptions.TotalBudget"/>.
/// Sends the token only to the API's own origin.
/// </summary>
public sealed class GitHubConnection
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly HttpClient _http;
    private readonly GitHubToken? _token;
    private readonly GitHubConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Action<string>? _log;

    /// <param name="http">Not disposed here. Its own <see cref="HttpClient.Timeout"/> should be infinite or generous: attempts have their own timeout.</param>
    /// <param name="apiUrl">The API root, e.g. <c>GITHUB_API_URL</c>.</param>
    /// <param name="token">Sent as <c>Authorization: Bearer</c>; null for anonymous calls.</param>
    /// <param name="delay">How to wait between attempts; tests pass one that records the delay instead of sleeping.</param>
    /// <param name="log">Receives one line per retry; never the token.</param>
    public GitHubConnection(
        HttpClient http,
        Uri? apiUrl,
        GitHubToken? token,
        GitHubConnectionOptions? options = null,
        TimeProvider? timeProvider = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null,
        Action<string>? log = null)
    {
        _http = http;
        _token = token;
        _options = options ?? GitHubConnectionOptions.Default;
        _time = timeProvider ?? TimeProvider.System;
        _delay = delay ?? ((d, ct) => Task.Delay(d, _time, ct));
        _log = log;
        var root = apiUrl ?? DefaultApiUrl;
        ApiUrl = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
    }

    public Uri ApiUrl { get; }

    public Task<GitHubResponse<T>> GetAsync<T>(string route, CancellationToken cancellationToken = default) =>
        SendAsync<T>(HttpMethod.Get, new Uri(ApiUrl, route), null, cancellationToken);

    /// <summary>Follows an absolute URL from a <c>Link</c> header; refuses other origins so the token stays with the API.</summary>
    public Task<GitHubResponse<T>> GetAsync<T>(Uri absolute, CancellationToken cancellationToken = default)
    {
        if (!absolute.IsAbsoluteUri || Uri.Compare(absolute, ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubApiException("refusing to follow a pagination link to another host than the GitHub API (" + ApiUrl.Host + ")");
        }

        return SendAsync<T>(HttpMethod.Get, absolute, null, cancellationToken);
    }

    public async Task<T> PostAsync<T>(string route, object body, CancellationToken cancellationToken = default) =>
        (await SendAsync<T>(HttpMethod.Post, new Uri(ApiUrl, route), body, cancellationToken)).Body;

    public async Task<T> PatchAsync<T>(string route, object body, CancellationToken cancellationToken = default) =>
        (await SendAsync<T>(HttpMethod.Patch, new Uri(ApiUrl, route), body, cancellationToken)).Body;

    private async Task<GitHubResponse<T>> SendAsync<T>(HttpMethod method, Uri uri, object? body, CancellationToken cancellationToken)
    {
        // For messages: the method and the path, never the query (it could carry a token) nor the host's credentials.
        var what = "GitHub API " + method.Method + " " + uri.AbsolutePath;
        var payload = body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json);
        var started = _time.GetTimestamp();

        for (var attempt = 1; ; attempt++)
        {
            var remaining = _options.TotalBudget - _time.GetElapsedTime(started);
            var attemptTimeout = remaining < _options.RequestTimeout ? remaining : _options.RequestTimeout;
            if (attemptTimeout <= TimeSpan.Zero)
            {
                throw new GitHubApiException($"{what} gave up: the {Seconds(_options.TotalBudget)} time budget is spent");
            }

            GitHubApiException failure;
            TimeSpan? retryAfter;
            using (var request = CreateRequest(method, uri, payload))
            using (var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCancellation.CancelAfter(attemptTimeout);
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptCancellation.Token);
                    var text = await response.Content.ReadAsStringAsync(attemptCancellation.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return new GitHubResponse<T>(Decode<T>(text, what), LinkHeader.Next(Values(response, "Link")));
                    }

                    retryAfter = RetryDelay(response, attempt);
                    failure = Map(response, text, what);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new GitHubApiException($"{what} timed out after {Seconds(attemptTimeout)}", ex);
                    retryAfter = Backoff(attempt);
                }
                catch (HttpRequestException ex)
                {
                    failure = new GitHubApiException($"could not reach the GitHub API at {uri.Host}: {Redact(ex.Message)}", ex);
                    retryAfter = Backoff(attempt);
                }
            }

            if (retryAfter is not { } wait)
            {
                throw failure;
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw Exhausted(failure, $"after {attempt} attempts");
            }

            var left = _options.TotalBudget - _time.GetElapsedTime(started);
            if (wait >= left)
            {
                throw Exhausted(failure, $"after {attempt} attempt{(attempt == 1 ? string.Empty : "s")}: waiting {Seconds(wait)} more would exceed the {Seconds(_options.TotalBudget)} budget");
            }

            _log?.Invoke($"perfgate: {Redact(failure.Message)}; retrying in {Seconds(wait)} (attempt {attempt + 1} of {_options.MaxAttempts})");
            await _delay(wait, cancellationToken);
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, string? payload)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue(_options.UserAgent, null));
        if (_token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token.Reveal());
        }

        if (payload is not null)
        {
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static T Decode<T>(string text, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, Json)
                ?? throw new GitHubApiException($"{what} returned an empty body where JSON was expected");
        }
        catch (JsonException ex)
        {
            // The JsonException says where, not what: the body is not quoted, it could be anything.
            throw new GitHubApiException($"{what} returned a body that is not the expected JSON ({ex.Path ?? "$"}, line {ex.LineNumber})", ex);
        }
    }

    /// <summary>The one status → exception map.</summary>
    private GitHubApiException Map(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        var message = $"{what} returned {status} {response.ReasonPhrase}";
        var apiMessage = ApiMessage(body);
        if (apiMessage is not null)
        {
            message += ": " + apiMessage;
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new GitHubAuthenticationException(message),
            HttpStatusCode.Forbidden => new GitHubForbiddenException(message, IsSecondaryRateLimit(response)),
            HttpStatusCode.NotFound => new GitHubNotFoundException(message),
            _ => new GitHubApiException(message, response.StatusCode),
        };
    }

    /// <summary>GitHub's <c>{"message": …}</c>, shortened and redacted; null when the body is not such JSON.</summary>
    private string? ApiMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                var text = Redact(m.GetString()!.ReplaceLineEndings(" "));
                return text.Length > 200 ? text[..200] + "…" : text;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>How long to wait before retrying this response, or null when it must not be retried.</summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var status = (int)response.StatusCode;
        var retryable = status >= 500 || status == 429 || (status == 403 && IsSecondaryRateLimit(response));
        if (!retryable)
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var until = date - _time.GetUtcNow();
                return until < TimeSpan.Zero ? TimeSpan.Zero : until;
            }
        }

        if (First(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(First(response, "x-ratelimit-reset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            var until = DateTimeOffset.FromUnixTimeSeconds(reset) - _time.GetUtcNow();
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        return Backoff(attempt);
    }

    private static bool IsSecondaryRateLimit(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not null || First(response, "x-ratelimit-remaining") == "0";

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so parallel jobs spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = _options.InitialBackoff.TotalMilliseconds * Math.Pow(2, attempt - 1);
        step = Math.Min(step, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((step / 2) + (Random.Shared.NextDouble() * step / 2));
    }

    private static GitHubApiException Exhausted(GitHubApiException failure, string note)
    {
        var message = failure.Message + " (gave up " + note + ")";
        return failure switch
        {
            GitHubForbiddenException f => new GitHubForbiddenException(message, f.IsRateLimit),
            GitHubAuthenticationException => new GitHubAuthenticationException(message),
            GitHubNotFoundException => new GitHubNotFoundException(message),
            _ => new GitHubApiException(message, failure.StatusCode, failure.InnerException),
        };
    }

    private string Redact(string text) => _token is null ? text : _token.Redact(text);

    private static string Seconds(TimeSpan span) =>
        span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string? First(HttpResponseMessage response, string name) =>
        Values(response, name).FirstOrDefault()?.Trim();

    private static IEnumerable<string> Values(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values : [];
}
