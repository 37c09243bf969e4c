using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using PerfGate.Core.Baselines;
using PerfGate.Core.Configuration;
using PerfGate.Core.History;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;
using PerfGate.Core.Statistics;

namespace PerfGate.Benchmarks.GateSpeed;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --gate-speed [--benchmarks 1000] [--runs 1000] [--repeat 7] [--no-publish] [--no-aot]</c>:
/// times <c>perfgate</c> as a user runs it (a fresh process each time) beside a hello-world .NET console app started
/// the same way (<c>dotnet hello.dll</c>), in interleaved rounds, and prints each command's median wall time as a ratio to
/// the hello-world's, its peak working set, and the median milliseconds per stage (<c>PERFGATE_TIMINGS=1</c>,
/// docs/performance.md). Three builds of the CLI are measured side by side: the JIT build (<c>dotnet build</c>), a
/// ReadyToRun publish (<c>dotnet publish -r &lt;rid&gt; -p:PublishReadyToRun=true</c>) and a Native AOT publish
/// (<c>-p:PublishAot=true</c>), both made here; <c>--no-publish</c> skips both, <c>--no-aot</c> the native one, and a
/// native publish that fails (no C toolchain, scripts/publish-native.sh) is reported in one line and left out. Data, generated once
/// under <c>BenchmarkDotNet.Artifacts/gate-speed</c>: 1,000 benchmarks against 1,000 runs × 1,000 benchmarks
/// (1,000,000 result rows), and 8 benchmarks against an 8-run history. Figures, not a timed test: the machine is shared.
/// </summary>
internal static class GateSpeedRunner
{
    private sealed record Scenario(string Name, string Build, string[] Arguments, double? TargetRatio, double? TargetMb = null);

    private sealed record Sample(double WallMs, double PeakMb, int Exit, IReadOnlyDictionary<string, double> Stages);

    public static int Run(string[] args)
    {
        var benchmarks = Option(args, "--benchmarks", 1000);
        var runs = Option(args, "--runs", 1000);
        var repeat = Option(args, "--repeat", 7);
        var root = Path.GetFullPath(Path.Combine("BenchmarkDotNet.Artifacts", "gate-speed"));
        var big = Prepare(Path.Combine(root, $"{benchmarks}x{runs}"), benchmarks, runs);
        var small = Prepare(Path.Combine(root, "8x8"), 8, 8);
        var hello = BuildHello(Path.Combine(root, "hello"));
        var builds = new Dictionary<string, string>(StringComparer.Ordinal) { ["jit"] = Path.Combine(AppContext.BaseDirectory, "perfgate.dll") };
        if (!args.Contains("--no-publish"))
        {
            builds["r2r"] = PublishReadyToRun(Path.Combine(root, "perfgate-r2r"));
            if (!args.Contains("--no-aot") && PublishNative(Path.Combine(root, "perfgate-aot")) is { } native)
            {
                builds["aot"] = native;
            }
        }

        var scenarios = new List<Scenario> { new("hello world (dotnet hello.dll)", "hello", [hello], null) };
        foreach (var build in builds.Keys)
        {
            scenarios.Add(new($"perfgate --version", build, ["--version"], null));
            scenarios.Add(new($"check, 8 benchmarks, 8-run history", build, Check(small), 3));
            scenarios.Add(new($"check, {benchmarks} benchmarks, {(long)benchmarks * runs:N0}-row history", build, Check(big), 6, 200));
            scenarios.Add(new($"status, {(long)benchmarks * runs:N0}-row history", build, ["status", "--history", big.History, "--config", big.Config], 4));
            scenarios.Add(new($"compare two recorded runs, {(long)benchmarks * runs:N0}-row history", build, ["compare", $"#{runs - 1}", $"#{runs}", "--history", big.History, "--config", big.Config], 4));
        }

        Console.WriteLine($"gate-speed: {scenarios.Count} commands × {repeat} interleaved rounds (each a fresh process) ...");
        var samples = scenarios.ToDictionary(s => s, _ => new List<Sample>());
        for (var round = 0; round < repeat; round++)
        {
            foreach (var scenario in scenarios)
            {
                var program = scenario.Build == "hello" ? hello : builds[scenario.Build];
                samples[scenario].Add(RunOnce(program, scenario.Build == "hello" ? [] : scenario.Arguments, root));
            }
        }

        Print(scenarios, samples, repeat);
        return 0;
    }

    private static void Print(List<Scenario> scenarios, Dictionary<Scenario, List<Sample>> samples, int repeat)
    {
        var helloMs = Quantiles.Median([.. samples[scenarios[0]].Select(s => s.WallMs)]);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Medians of {repeat} fresh processes per command, interleaved; ratio = median wall / hello world's median wall ({helloMs:0} ms)."));
        Console.WriteLine();
        Console.WriteLine($"| {"command",-62} | build | {"wall",8} | {"× hello",7} | {"target",7} | {"peak MB",7} | exit |");
        Console.WriteLine($"|{new string('-', 64)}|-------|{new string('-', 9)}:|{new string('-', 8)}:|{new string('-', 8)}:|{new string('-', 8)}:|------|");
        foreach (var scenario in scenarios)
        {
            var list = samples[scenario];
            var wall = Quantiles.Median([.. list.Select(s => s.WallMs)]);
            var ratio = wall / helloMs;
            var peak = list.Max(s => s.PeakMb);
            var target = scenario.TargetRatio is { } t
                ? (ratio <= t && (scenario.TargetMb is not { } mb || peak <= mb) ? "met" : "MISSED") + $" ≤{t:0}×" + (scenario.TargetMb is { } m ? $" ≤{m:0}MB" : "")
                : "";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name,-62} | {scenario.Build,-5} | {wall,5:0} ms | {ratio,6:0.0}× | {target,-7} | {(double.IsNaN(peak) ? "" : peak.ToString("0", CultureInfo.InvariantCulture)),7} | {string.Join(",", list.Select(s => s.Exit).Distinct())} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Median milliseconds per stage (PERFGATE_TIMINGS=1; 'start' is process start to Main):");
        foreach (var scenario in scenarios.Where(s => s.Build != "hello" && samples[s].Any(x => x.Stages.Count > 0)))
        {
            var stages = samples[scenario].SelectMany(s => s.Stages.Keys).Distinct().ToList();
            var parts = stages.Select(stage => string.Create(CultureInfo.InvariantCulture,
                $"{stage} {Quantiles.Median([.. samples[scenario].Select(s => s.Stages.GetValueOrDefault(stage))]):0}"));
            Console.WriteLine($"  {scenario.Name} [{scenario.Build}]: {string.Join(" · ", parts)}");
        }
    }

    private sealed record Data(string Results, string Baseline, string History, string Config);

    private static string[] Check(Data d) =>
        ["check", "--results", d.Results, "--baseline", d.Baseline, "--history", d.History, "--config", d.Config, "--json", Path.Combine(Path.GetDirectoryName(d.History)!, "verdict.json"), "--any-machine", "--commit", "0123abcd", "--branch", "feature"];

    /// <summary>Generates, once, the results file, the committed baseline, the history and an empty configuration.</summary>
    private static Data Prepare(string dir, int benchmarks, int runs)
    {
        Directory.CreateDirectory(dir);
        var data = new Data(Path.Combine(dir, "results-report-full.json"), Path.Combine(dir, "baselines"), Path.Combine(dir, "history.db"), Path.Combine(dir, "perfgate.json"));
        File.WriteAllText(data.Config, "{}\n");
        if (File.Exists(data.History))
        {
            StoreSteps(data);
            return data;
        }

        Console.WriteLine($"gate-speed: generating {benchmarks} benchmarks and a history of {runs} runs in {dir} ...");
        SyntheticResults.Write(data.Results, benchmarks, seed: 1);
        // The committed baseline is PerfGate's own compact file, made as `perfgate baseline update` makes it.
        var baselineResults = Path.Combine(dir, "baseline-report-full.json");
        SyntheticResults.Write(baselineResults, benchmarks, seed: 2);
        BaselineStore.Update(ResultsLoader.Load([baselineResults]), data.Baseline);
        var watch = Stopwatch.StartNew();
        Generate(data.History + ".tmp", ResultsLoader.Load([data.Results]), runs);
        File.Move(data.History + ".tmp", data.History);
        Console.WriteLine($"gate-speed: history written in {watch.Elapsed.TotalSeconds:0.0} s, {new FileInfo(data.History).Length / (1024.0 * 1024.0):0.0} MB");
        StoreSteps(data);
        return data;
    }

    /// <summary>
    /// The latest run's steps, stored as <c>perfgate check --record</c> stores them (<see cref="RecordedSteps.Record"/>)
    /// with the configuration's trend settings, unless they are there and still hold: the history is written straight
    /// through the store, and one generated before the steps were stored (schema 2) gets them here.
    /// </summary>
    private static void StoreSteps(Data data)
    {
        using var store = new SqliteHistoryStore(data.History);
        var trend = GateOptionsLoader.Load(data.Config).Trend;
        if (store.GetLatestRun("main") is not { } latest || RecordedSteps.TryRead(store, latest, trend) is not null)
        {
            return;
        }

        var keys = RecordedSteps.KeysOf(store.GetResults(latest.Id).Select(r => r.SeriesKey));
        if (!RecordedSteps.Record(store, latest.Id, latest.Branch, latest.FingerprintKey, keys, trend))
        {
            throw new InvalidOperationException($"gate-speed: the history {data.History} changed while its steps were stored; run again.");
        }

        Console.WriteLine($"gate-speed: stored the steps of run {latest.Id} in {data.History}");
    }

    /// <summary>A hello-world console app built the way the CLI is (Release, framework-dependent), once.</summary>
    private static string BuildHello(string dir)
    {
        var dll = Path.Combine(dir, "out", "hello.dll");
        if (File.Exists(dll))
        {
            return dll;
        }

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "hello.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), "Console.WriteLine(\"Hello, World!\");\n");
        // Outside the repository's Directory.Build.props: a copy of it would add the repository's analyzers and settings.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
        Dotnet(dir, "build", "-c", "Release", "-o", Path.Combine(dir, "out"));
        return dll;
    }

    /// <summary>The CLI as <c>dotnet publish -r &lt;this machine's rid&gt; -p:PublishReadyToRun=true</c> makes it.</summary>
    private static string PublishReadyToRun(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "PerfGate.Cli");
        Console.WriteLine($"gate-speed: publishing the CLI ReadyToRun ({RuntimeInformation.RuntimeIdentifier}) to {output} ...");
        Dotnet(project, "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output);
        return Path.Combine(output, "perfgate.dll");
    }

    /// <summary>
    /// The CLI as <c>dotnet publish -r &lt;rid&gt; -p:PublishAot=true</c> makes it (a native executable, with
    /// <c>libe_sqlite3.so</c> beside it); null, after one line saying why, when the publish fails: Native AOT needs a
    /// C toolchain (clang or gcc) and zlib's headers, which scripts/publish-native.sh installs.
    /// </summary>
    private static string? PublishNative(string output)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "PerfGate.Cli");
        Console.WriteLine($"gate-speed: publishing the CLI Native AOT ({RuntimeInformation.RuntimeIdentifier}) to {output} ...");
        try
        {
            Dotnet(project, "publish", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output);
        }
        catch (InvalidOperationException ex)
        {
            Console.WriteLine($"gate-speed: no Native AOT build, its publish failed ({FirstError(ex.Message)}); measuring the others.");
            return null;
        }

        return Path.Combine(output, "perfgate");
    }

    /// <summary>The first MSBuild error of a failed <c>dotnet</c> command, without its file and project (else the first line).</summary>
    internal static string FirstError(string output)
    {
        const string Marker = ": error ";
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var line = lines.FirstOrDefault(l => l.Contains(Marker, StringComparison.Ordinal));
        if (line is null)
        {
            return lines.FirstOrDefault() ?? "no output";
        }

        line = line[(line.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..].TrimStart(':', ' ');
        var project = line.LastIndexOf(" [", StringComparison.Ordinal);
        return project > 0 && line.EndsWith(']') ? line[..project] : line;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PerfGate.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("gate-speed: cannot find PerfGate.sln above " + AppContext.BaseDirectory);
    }

    private static void Dotnet(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"gate-speed: dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}\n{error.Result}");
        }
    }

    /// <summary>Runs <paramref name="program"/> once: a <c>.dll</c> through <c>dotnet</c>, a native executable as it is.</summary>
    private static Sample RunOnce(string program, string[] arguments, string workingDirectory)
    {
        var managed = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(managed ? "dotnet" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (managed)
        {
            info.ArgumentList.Add(program);
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["PERFGATE_PRINT_RESOURCES"] = "1";
        info.Environment["PERFGATE_TIMINGS"] = "1";
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var wall = watch.Elapsed.TotalMilliseconds;
        var lines = stderr.Result.Split('\n');
        var resources = lines.FirstOrDefault(l => l.StartsWith("perfgate-resources:", StringComparison.Ordinal));
        var stages = lines.FirstOrDefault(l => l.StartsWith("perfgate-stages:", StringComparison.Ordinal));
        if (arguments.Length > 0 && resources is null)
        {
            throw new InvalidOperationException($"perfgate {string.Join(' ', arguments)} did not report its resources (exit {process.ExitCode}): {stderr.Result}");
        }

        return new Sample(wall, resources is null ? double.NaN : Field(resources, "peak_working_set_mb"), process.ExitCode, Stages(stages));
    }

    /// <summary><c>perfgate-stages: start=1.0 parse=2.0 …</c> as stage → milliseconds.</summary>
    private static Dictionary<string, double> Stages(string? line)
    {
        var stages = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in (line ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
            {
                stages[part[..eq]] = ms;
            }
        }

        return stages;
    }

    /// <summary>Records <paramref name="runs"/> main-branch runs of the template, each moved by a little noise, through the real store.</summary>
    private static void Generate(string path, BenchmarkRun template, int runs)
    {
        var random = new Random(3);
        using var store = new SqliteHistoryStore(path);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var r = 0; r < runs; r++)
        {
            var factor = 1 + (0.03 * (random.NextDouble() - 0.5));
            var run = template with
            {
                Results = [.. template.Results.Select(x => x with
                {
                    Launches = [.. x.Launches.Select(l => l with { NanosecondsPerOperation = [.. l.NanosecondsPerOperation.Select(v => v * factor)] })],
                    Statistics = x.Statistics! with { Median = x.Statistics.Median * factor, Mean = x.Statistics.Mean * factor },
                })],
            };
            store.RecordRun(new RecordedRun { Run = run, Branch = "main", Commit = $"synthetic{r:0000}", Timestamp = start.AddHours(r) }, []);
        }
    }

    private static double Field(string line, string name)
    {
        var at = line.IndexOf(name + "=", StringComparison.Ordinal) + name.Length + 1;
        var end = line.IndexOf(' ', at);
        return double.Parse(end < 0 ? line[at..] : line[at..end], CultureInfo.InvariantCulture);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
