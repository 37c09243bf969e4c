using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfGate.Cli.Tests.Faults;

namespace PerfGate.Cli.Tests.Packaging;

/// <summary>
/// The .NET tool as an adopter gets it: <c>dotnet pack</c> of src/PerfGate.Cli, installed into a local tool manifest
/// from a folder feed (a nuget.config that clears every other source, and a packages folder of its own, so no network
/// and no stale copy from the machine's cache, and a DOTNET_CLI_HOME of its own for the tool resolver cache), then run
/// through <c>dotnet tool run perfgate</c>.
/// </summary>
public sealed partial class ToolPackageTests : IDisposable
{
    private static readonly string Configuration = typeof(ToolPackageTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PerfGateConfiguration").Value!;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "perfgate-tool-" + Guid.NewGuid().ToString("N"));

    public ToolPackageTests() => Directory.CreateDirectory(_root);

    [Fact]
    public void The_packed_tool_installs_from_a_folder_and_runs_help_version_and_check()
    {
        var feed = Path.Combine(_root, "feed");
        var work = Path.Combine(_root, "work");
        Directory.CreateDirectory(work);

        // Pack what the test run built (the project reference built src/PerfGate.Cli in this configuration).
        var pack = Dotnet(RepoPaths.Root, "pack", Path.Combine(RepoPaths.Root, "src", "PerfGate.Cli"), "-c", Configuration, "--no-build", "-o", feed);
        pack.Code.ShouldBe(0, pack.ToString());
        var package = Directory.GetFiles(feed, "*.nupkg").ShouldHaveSingleItem();
        var version = PackageVersion().Match(Path.GetFileName(package)) is { Success: true } m ? m.Groups[1].Value : throw new ShouldAssertException($"not a PerfGate.Cli package: {package}");
        version.ShouldBe(ProjectVersion(), "the package carries the version in src/PerfGate.Cli/PerfGate.Cli.csproj");

        using (var zip = ZipFile.OpenRead(package))
        {
            var settings = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml").ShouldNotBeNull("a tool package");
            using var reader = new StreamReader(settings.Open());
            reader.ReadToEnd().ShouldContain("<Command Name=\"perfgate\"");
        }

        File.WriteAllText(Path.Combine(work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="perfgate-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        Dotnet(work, "new", "tool-manifest").Code.ShouldBe(0);
        var install = Dotnet(work, "tool", "install", "PerfGate.Cli", "--add-source", feed, "--version", version);
        install.Code.ShouldBe(0, install.ToString());
        install.Out.ShouldContain("perfgate.cli");
        // `dotnet new tool-manifest` writes ./dotnet-tools.json (.NET 10) or ./.config/dotnet-tools.json (earlier SDKs).
        var manifestPath = new[] { Path.Combine(work, "dotnet-tools.json"), Path.Combine(work, ".config", "dotnet-tools.json") }.First(File.Exists);
        using (var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath)))
        {
            var tool = manifest.RootElement.GetProperty("tools").GetProperty("perfgate.cli");
            tool.GetProperty("version").GetString().ShouldBe(version);
            tool.GetProperty("commands")[0].GetString().ShouldBe("perfgate");
        }

        // `dotnet tool run perfgate --help` would be the dotnet CLI's own help: "--" hands the rest to the tool.
        var help = Dotnet(work, "tool", "run", "perfgate", "--", "--help");
        help.Code.ShouldBe(0, help.ToString());
        help.Out.ShouldContain("PerfGate: a performance regression gate");
        foreach (var verb in new[] { "check", "ab", "history" })
        {
            help.Out.ShouldContain(verb);
        }

        // The version, stamped: the package's version, then "+<commit>" when the build saw a git checkout.
        var shown = Dotnet(work, "tool", "run", "perfgate", "--", "--version");
        shown.Code.ShouldBe(0, shown.ToString());
        var stamped = shown.Out.Trim();
        stamped.ShouldStartWith(version);
        var expectedInformational = typeof(PerfGateApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        stamped.ShouldBe(expectedInformational, "the installed tool is the build under test");
        if (Directory.Exists(Path.Combine(RepoPaths.Root, ".git")) || File.Exists(Path.Combine(RepoPaths.Root, ".git")))
        {
            stamped.ShouldMatch(@"^\d+\.\d+\.\d+(-[\w.]+)?\+[0-9a-f]{40}$", "built from a git checkout: the commit is stamped");
        }

        // A real gate through the installed tool: an unchanged run passes, a regression fails with 1.
        var pass = Dotnet(work, "tool", "run", "perfgate", "check", "--results", CliRunner.Run2, "--baseline", CliRunner.Run1, "--json", "verdict.json");
        pass.Code.ShouldBe(0, pass.ToString());
        pass.Out.ShouldContain("ParserBenchmarks");
        using (var verdict = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "verdict.json"))))
        {
            verdict.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();
        }

        using var cli = new CliRunner();
        var slowed = cli.SlowedCopy(CliRunner.Run2, 3.0, "slowed", which: i => i == 18, allocationFactor: 2.0);
        var fail = Dotnet(work, "tool", "run", "perfgate", "check", "--results", slowed, "--baseline", CliRunner.Run1);
        fail.Code.ShouldBe(1, fail.ToString());

        var bad = Dotnet(work, "tool", "run", "perfgate", "check", "--results", "no-such-results");
        bad.Code.ShouldBe(2, bad.ToString());
        bad.Error.ShouldContain("no-such-results");
    }

    /// <summary>
    /// scripts/pack-native-tool.sh: the package users install names a Native AOT package for this platform and a
    /// framework-dependent one for the rest; installed from the folder, `perfgate` is the native executable (with SQLite's
    /// library beside it) and gates; the framework-dependent package installs and runs too.
    /// </summary>
    [Fact]
    public void The_native_tool_packages_install_the_native_executable_here_and_the_framework_dependent_one_elsewhere()
    {
        var feed = Path.Combine(_root, "native-feed");
        var script = Path.Combine(RepoPaths.Root, "scripts", "pack-native-tool.sh");
        var pack = Run("bash", RepoPaths.Root, TimeSpan.FromMinutes(15), new() { ["PERFGATE_PACK_ARTIFACTS"] = Path.Combine(_root, "pack-build") }, script, feed);
        pack.Code.ShouldBe(0, pack.ToString());
        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var version = ProjectVersion();
        var rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        packages.ShouldBe(new[] { $"PerfGate.Cli.{version}.nupkg", $"PerfGate.Cli.any.{version}.nupkg", $"PerfGate.Cli.{rid}.{version}.nupkg" }.Order(StringComparer.Ordinal).ToArray());
        using (var zip = ZipFile.OpenRead(Path.Combine(feed, $"PerfGate.Cli.{rid}.{version}.nupkg")))
        {
            var names = zip.Entries.Select(e => e.FullName).ToList();
            names.ShouldContain($"tools/any/{rid}/perfgate");
            names.ShouldContain(n => n.EndsWith("libe_sqlite3.so", StringComparison.Ordinal), "SQLite's library beside the binary");
            names.ShouldNotContain(n => n.EndsWith(".dbg", StringComparison.Ordinal), "the debug symbols stay out");
        }

        var native = Path.Combine(_root, "native-tool");
        var install = Dotnet(_root, "tool", "install", "PerfGate.Cli", "--tool-path", native, "--add-source", feed, "--version", version);
        install.Code.ShouldBe(0, install.ToString());
        var command = Path.Combine(native, "perfgate");
        var target = new FileInfo(command).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? command;
        target.ShouldContain($"perfgate.cli.{rid}");
        File.ReadAllBytes(target).Take(4).ShouldBe(new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' }, "a native executable, not a .NET assembly");

        var expected = typeof(PerfGateApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        var shown = Run(command, _root, TimeSpan.FromMinutes(1), [], "--version");
        shown.Out.Trim().ShouldBe(expected, shown.ToString());
        var history = Path.Combine(_root, "history.db");
        var pass = Run(command, _root, TimeSpan.FromMinutes(1), [], "check", "--results", CliRunner.Run2, "--baseline", CliRunner.Run1, "--history", history, "--record", "--branch", "main");
        pass.Code.ShouldBe(0, pass.ToString());
        pass.Out.ShouldContain("recorded run");
        var status = Run(command, _root, TimeSpan.FromMinutes(1), [], "status", "--history", history);
        status.Code.ShouldBe(0, status.ToString());
        status.Out.ShouldContain("ParserBenchmarks");

        var anywhere = Path.Combine(_root, "any-tool");
        var installAny = Dotnet(_root, "tool", "install", "PerfGate.Cli.any", "--tool-path", anywhere, "--add-source", feed, "--version", version);
        installAny.Code.ShouldBe(0, installAny.ToString());
        var anyShown = Run(Path.Combine(anywhere, "perfgate"), _root, TimeSpan.FromMinutes(1), [], "--version");
        anyShown.Out.Trim().ShouldBe(expected, anyShown.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder.
        }
    }

    private static string ProjectVersion()
    {
        var project = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "PerfGate.Cli", "PerfGate.Cli.csproj"));
        return ProjectVersionElement().Match(project).Groups[1].Value;
    }

    /// <summary>Runs the dotnet CLI with the tool's own packages folder and no telemetry; two minutes at most.</summary>
    private ProcessResult Dotnet(string workingDirectory, params string[] args) =>
        Run("dotnet", workingDirectory, TimeSpan.FromMinutes(2), new() { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") }, args);

    /// <summary>
    /// Runs a program without the CI's and PerfGate's variables, with a home of its own for the tool resolver cache and no
    /// telemetry, plus <paramref name="variables"/>.
    /// </summary>
    private ProcessResult Run(string program, string workingDirectory, TimeSpan timeout, Dictionary<string, string> variables, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GITHUB_", StringComparison.Ordinal) || k.StartsWith("PERFGATE_", StringComparison.Ordinal) || k == "CI").ToList())
        {
            info.Environment.Remove(key);
        }

        // The local-tool resolver cache (~/.dotnet/toolResolverCache) keeps the first path it saw for a tool version:
        // a home of its own, or an earlier install of the same version elsewhere is what `dotnet tool run` starts.
        info.Environment["DOTNET_CLI_HOME"] = Path.Combine(_root, "home");
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (key, value) in variables)
        {
            info.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new ShouldAssertException($"{program} {string.Join(' ', args)} hung. stderr so far: {error.Result}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.Result, error.Result, watch.Elapsed);
    }

    [GeneratedRegex(@"^PerfGate\.Cli\.(\d+\.\d+\.\d+(?:-[\w.]+)?)\.nupkg$")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex ProjectVersionElement();
}
