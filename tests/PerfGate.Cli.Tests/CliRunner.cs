using System.Text.Json.Nodes;
using PerfGate.Cli;

namespace PerfGate.Cli.Tests;

/// <summary>Runs `perfgate` in-process as a user would: a whole command line in; exit code, output and files out.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "perfgate-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public Dictionary<string, string?> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>The commands' clock: real time unless a test sets <see cref="ManualClock.Now"/> (e.g. to record runs on past days).</summary>
    public ManualClock Clock { get; } = new();

    /// <summary>Whether the commands believe their output is a terminal (Spectre tables) or a pipe (plain text).</summary>
    public bool IsTerminal { get; set; }

    /// <summary>Cancelled by a test to interrupt a long verb (perfgate ab) as Ctrl+C would.</summary>
    public CancellationToken Cancellation { get; set; }

    public (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var env = Environment(output, error);
        var code = PerfGateApp.Run(args, env);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The environment <see cref="Run"/> gives a command, writing to the given writers.</summary>
    internal CliEnvironment Environment(TextWriter output, TextWriter error) =>
        new(output, error, Variables, Directory, Clock) { IsTerminal = IsTerminal, Cancellation = Cancellation };

    public string Path(params string[] parts) => System.IO.Path.Combine([Directory, .. parts]);

    /// <summary>The two real BenchmarkDotNet 0.14.0 full reports of the same benchmarks, measured in two runs on one machine.</summary>
    public static readonly string Run1 = Fixture("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-full.json");

    /// <inheritdoc cref="Run1"/>
    public static readonly string Run2 = Fixture("bdn-0.14.0", "run2", "BdnFixtures.ParserBenchmarks-report-full.json");

    public static string Fixture(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    /// <summary>Copies a BenchmarkDotNet full JSON file with the measured times of the chosen benchmarks (all by default) multiplied by <paramref name="factor"/>.</summary>
    /// <param name="ranAt">When given, the run's start written into BenchmarkDotNet's <c>Title</c> suffix (which the history records).</param>
    public string SlowedCopy(string source, double factor, string name, Func<int, bool>? which = null, double allocationFactor = 1.0, DateTimeOffset? ranAt = null)
    {
        var root = JsonNode.Parse(File.ReadAllText(source))!;
        if (ranAt is { } at && root["Title"]?.GetValue<string>() is { } title)
        {
            root["Title"] = System.Text.RegularExpressions.Regex.Replace(title, @"-\d{8}-\d{6}$", "") + at.UtcDateTime.ToString("-yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        }

        var index = 0;
        foreach (var benchmark in root["Benchmarks"]!.AsArray())
        {
            if (which is not null && !which(index++))
            {
                continue;
            }

            BdnJson.ScaleTimes(benchmark!, factor);
            BdnJson.ScaleAllocations(benchmark!, allocationFactor);
        }

        var dir = Path(name);
        System.IO.Directory.CreateDirectory(dir);
        var target = System.IO.Path.Combine(dir, System.IO.Path.GetFileName(source));
        File.WriteAllText(target, root.ToJsonString());
        return dir;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
