using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PerfGate.Core.GitHub;

/// <summary>
/// The bottom layer of the REST client (after Octokit's <c>Connection</c>): base address, authentication, JSON,
/// retries and the one place that maps HTTP statuses to exceptions. Retries 5xx, rate limits (429, and 403 with
/// <c>retry-after</c>, <c>x-ratelimit-remaining: 0</c> or GitHub's "rate limit" message), timeouts and network errors with
/// exponential backoff and jitter, honouring <c>Retry-After</c> and <c>x-ratelimit-reset</c> (a secondary rate limit
/// without either waits <see cref="SecondaryRateLimitWait"/>, GitHub's advice), within
/// <see cref="GitHubConnectionOptions.TotalBudget"/> per request and <see cref="GitHubConnectionOptions.ConnectionBudget"/>
/// for all requests together. A request that is not safe to repeat (<see cref="PostOnceAsync{T}"/>) is retried only
/// after a rate limit, which GitHub answers without doing anything. Sends the token only to the API's own origin.
/// </summary>
public sealed class GitHubConnection
{
    public static readonly Uri DefaultApiUrl = new("https://api.github.com/");

    /// <summary>GitHub: after a secondary rate limit without <c>retry-after</c> or a reset time, "wait for at least one minute".</summary>
    public static readonly TimeSpan SecondaryRateLimitWait = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;
    private readonly GitHubToken? _token;
    private readonly GitHubConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly Action<string>? _log;
    private readonly long _created;

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
        _created = _time.GetTimestamp();
        var root = apiUrl ?? DefaultApiUrl;
        ApiUrl = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
    }

    public Uri ApiUrl { get; }

    /// <param name="type">How to read the response: <see cref="GitHubJson"/>'s metadata for <typeparamref name="T"/>.</param>
    public Task<GitHubResponse<T>> GetAsync<T>(string route, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, new Uri(ApiUrl, route), null, type, repeatable: true, cancellationToken);

    /// <summary>Follows an absolute URL from a <c>Link</c> header; refuses other origins so the token stays with the API.</summary>
    public Task<GitHubResponse<T>> GetAsync<T>(Uri absolute, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
    {
        if (!absolute.IsAbsoluteUri || Uri.Compare(absolute, ApiUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new GitHubApiException("refusing to follow a pagination link to another host than the GitHub API (" + ApiUrl.Host + ")");
        }

        return SendAsync(HttpMethod.Get, absolute, null, type, repeatable: true, cancellationToken);
    }

    /// <summary>A POST whose repetition does no harm (a commit status: the latest one wins); retried like a GET.</summary>
    public async Task<T> PostAsync<TBody, T>(string route, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, new Uri(ApiUrl, route), JsonSerializer.Serialize(body, bodyType), type, repeatable: true, cancellationToken)).Body;

    /// <summary>
    /// A POST that creates something (a comment): after a timeout, a network error or a 5xx it may have landed, so it
    /// is not sent again here; the caller looks for what it created before trying again. Rate limits are still waited
    /// out and retried (GitHub did nothing).
    /// </summary>
    public async Task<T> PostOnceAsync<TBody, T>(string route, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, new Uri(ApiUrl, route), JsonSerializer.Serialize(body, bodyType), type, repeatable: false, cancellationToken)).Body;

    public async Task<T> PatchAsync<TBody, T>(string route, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Patch, new Uri(ApiUrl, route), JsonSerializer.Serialize(body, bodyType), type, repeatable: true, cancellationToken)).Body;

    /// <summary>What is left of <see cref="GitHubConnectionOptions.ConnectionBudget"/>, or null when it is unbounded.</summary>
    private TimeSpan? ConnectionLeft =>
        _options.ConnectionBudget is { } budget ? budget - _time.GetElapsedTime(_created) : null;

    private async Task<GitHubResponse<T>> SendAsync<T>(HttpMethod method, Uri uri, string? payload, JsonTypeInfo<T> type, bool repeatable, CancellationToken cancellationToken)
    {
        // For messages: the method and the path, never the query (it could carry a token) nor the host's credentials.
        var what = "GitHub API " + method.Method + " " + uri.AbsolutePath;
        var started = _time.GetTimestamp();

        // This request's budget: its own, cut to what the connection (the whole GitHub step) has left.
        var budget = _options.TotalBudget;
        var budgetName = "request's " + Seconds(budget);
        if (ConnectionLeft is { } connectionLeft && connectionLeft < budget)
        {
            budget = connectionLeft;
            budgetName = "GitHub step's " + Seconds(_options.ConnectionBudget!.Value);
        }

        for (var attempt = 1; ; attempt++)
        {
            var remaining = budget - _time.GetElapsedTime(started);
            var attemptTimeout = remaining < _options.RequestTimeout ? remaining : _options.RequestTimeout;
            if (attemptTimeout <= TimeSpan.Zero)
            {
                throw new GitHubApiException($"{what} gave up: the {budgetName} time budget is spent");
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
                        return new GitHubResponse<T>(Decode(text, type, what), LinkHeader.Next(Values(response, "Link")));
                    }

                    var apiMessage = ApiMessage(text);
                    var rateLimit = RateLimit(response, apiMessage, attempt);
                    failure = Map(response, apiMessage, what, rateLimit);
                    retryAfter = rateLimit ?? (repeatable && (int)response.StatusCode >= 500 ? Backoff(attempt) : null);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = new GitHubApiException($"{what} timed out after {Seconds(attemptTimeout)}", ex);
                    retryAfter = repeatable ? Backoff(attempt) : null;
                }
                catch (HttpRequestException ex)
                {
                    failure = new GitHubApiException($"could not reach the GitHub API at {uri.Host}: {Redact(ex.Message)}", ex);
                    retryAfter = repeatable ? Backoff(attempt) : null;
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

            var left = budget - _time.GetElapsedTime(started);
            if (wait >= left)
            {
                throw Exhausted(failure, $"after {attempt} attempt{(attempt == 1 ? string.Empty : "s")}: waiting {Seconds(wait)} more would exceed the {budgetName} budget");
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

    private static T Decode<T>(string text, JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(text, type)
                ?? throw new GitHubApiException($"{what} returned an empty body where JSON was expected");
        }
        catch (JsonException ex)
        {
            // The JsonException says where, not what: the body is not quoted, it could be anything.
            throw new GitHubApiException($"{what} returned a body that is not the expected JSON ({ex.Path ?? "$"}, line {ex.LineNumber})", ex);
        }
    }

    /// <summary>The one status → exception map.</summary>
    private static GitHubApiException Map(HttpResponseMessage response, string? apiMessage, string what, TimeSpan? rateLimitWait)
    {
        var status = (int)response.StatusCode;
        var message = $"{what} returned {status} {response.ReasonPhrase}";
        if (apiMessage is not null)
        {
            message += ": " + apiMessage;
        }

        if (rateLimitWait is { } wait)
        {
            return new GitHubRateLimitException(message, response.StatusCode, wait);
        }

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new GitHubAuthenticationException(message),
            HttpStatusCode.Forbidden => new GitHubForbiddenException(message),
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

    /// <summary>
    /// For a rate-limited response (429; 403 with <c>retry-after</c>, <c>x-ratelimit-remaining: 0</c> or a "rate limit"
    /// message), how long GitHub asks to wait; null for any other response.
    /// </summary>
    private TimeSpan? RateLimit(HttpResponseMessage response, string? apiMessage, int attempt)
    {
        var status = (int)response.StatusCode;
        var limited = status == 429
            || (status == 403 && (response.Headers.RetryAfter is not null
                                  || First(response, "x-ratelimit-remaining") == "0"
                                  || (apiMessage?.Contains("rate limit", StringComparison.OrdinalIgnoreCase) ?? false)));
        if (!limited)
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

        // No hint: a minute, then twice as long each time (GitHub's advice for secondary rate limits).
        return SecondaryRateLimitWait * Math.Pow(2, attempt - 1);
    }

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
            GitHubRateLimitException r => new GitHubRateLimitException(message, r.StatusCode, r.RetryAfter),
            GitHubForbiddenException => new GitHubForbiddenException(message),
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
