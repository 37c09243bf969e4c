using System.Net.Sockets;
using System.Net;
using PerfGate.Core.Tests.GitHub;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>What the GitHub fault and secret tests share: the fake token, the inputs, the scenarios and their set-up.</summary>
internal static class GitHubCli
{
    /// <summary>A recognisable fake token: shaped like a classic PAT, valid nowhere.</summary>
    public const string Token = "ghp_PERFGATETESTTOKEN0123456789abcdefABCD";

    public const string Marker = "<!-- perfgate:report -->";

    /// <summary>A contributor's comment carrying the marker, hoping the bot overwrites it.</summary>
    public const string Planted = Marker + "\nLGTM, no need to look at the benchmarks";

    public static readonly string Run1 = CliRunner.Run1;

    public static readonly string Run2 = CliRunner.Run2;

    /// <summary>Results that pass against <see cref="Run1"/> (a second real run), or that fail (one benchmark 3× slower, 2× the allocations).</summary>
    public static string Results(CliRunner cli, bool failing) =>
        failing ? cli.SlowedCopy(Run2, 3.0, "slowed", which: i => i == 18, allocationFactor: 2.0) : Run2;

    /// <summary>The variables a GitHub Actions pull_request job would have, pointing at <paramref name="api"/>.</summary>
    public static Dictionary<string, string?> Variables(string api, string summary, bool actions, int boundSeconds) => new(StringComparer.Ordinal)
    {
        ["GITHUB_API_URL"] = api,
        ["GITHUB_SERVER_URL"] = "https://github.com",
        ["GITHUB_REPOSITORY"] = "o/r",
        ["GITHUB_TOKEN"] = Token,
        ["GITHUB_STEP_SUMMARY"] = summary,
        ["GITHUB_EVENT_NAME"] = "pull_request",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_SHA"] = "0123456789abcdef0123456789abcdef01234567",
        ["GITHUB_ACTIONS"] = actions ? "true" : null,
        ["PERFGATE_GITHUB_TIMEOUT_SECONDS"] = boundSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>A loopback URL where nothing listens (connection refused).</summary>
    public static string RefusedUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }

    /// <summary>Scripts <paramref name="server"/> for <paramref name="fault"/>; returns the API URL to use.</summary>
    public static string Arrange(Fault fault, FakeGitHubServer server, CliRunner cli)
    {
        switch (fault)
        {
            case Fault.Refused:
                return RefusedUrl();
            case Fault.NeverAnswers:
                for (var i = 0; i < 20; i++)
                {
                    server.Script.Enqueue(new Scripted(0, Hang: true));
                }

                break;
            case Fault.MalformedJson:
                // The body even carries the token: a broken proxy echoing the request must not make it print.
                server.Script.Enqueue(new Scripted(200, Body: "[{\"id\": 1, \"body\": \"Authorization: Bearer " + Token + "\"", Method: "GET"));
                break;
            case Fault.DeletedBetweenListAndUpdate:
                server.AddComment(Marker + "\nan older report", FakeGitHubServer.Bot, "Bot");
                server.AfterList = () => server.Comments.Clear();
                break;
            case Fault.ServerErrors:
                for (var i = 0; i < 20; i++)
                {
                    server.Script.Enqueue(new Scripted(500, Body: "{\"message\":\"Server Error\"}"));
                }

                break;
            case Fault.EchoesToken:
                server.Script.Enqueue(new Scripted(422, Body: "{\"message\":\"Validation Failed: token " + Token + " is not allowed\"}", Method: "GET"));
                break;
            case Fault.MarkerPlantedByAnother:
                server.AddComment(Planted, "mallory");
                break;
            case Fault.SecondaryRateLimit:
                // Only the message says what it is (no retry-after, no x-ratelimit headers): GitHub advises a minute, beyond the bound.
                server.Script.Enqueue(new Scripted(403, Body: "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}", Method: "POST"));
                break;
            case Fault.CreateAnswerLost:
                server.Script.Enqueue(new Scripted(502, Body: "{\"message\":\"Bad Gateway\"}", Method: "POST", Lands: true));
                break;
            case Fault.SummaryIsAFolder:
                Directory.CreateDirectory(cli.Path("summary.md"));
                break;
        }

        return server.ApiUrl.AbsoluteUri;
    }
}

public enum Fault
{
    None,
    Refused,
    NeverAnswers,
    MalformedJson,
    DeletedBetweenListAndUpdate,
    ServerErrors,
    EchoesToken,
    SummaryIsAFolder,
    MarkerPlantedByAnother,
    SecondaryRateLimit,
    CreateAnswerLost,
}
