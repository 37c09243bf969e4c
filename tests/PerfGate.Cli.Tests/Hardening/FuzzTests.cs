using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PerfGate.Cli.Tests.Hardening;

/// <summary>
/// A bounded, reproducible fuzz loop over the real fixtures: each input is a fixture with random byte or structure
/// mutations, run through <c>perfgate check</c> in-process. Whatever the input, the exit code is 0, 1 or 2, a 2 comes
/// with one <c>perfgate: </c> line and no stack trace, and no exception escapes. A failure names the seed, the
/// iteration and the mutations, and keeps the input in <c>$TMP/perfgate-fuzz-failures/</c>.
/// </summary>
[Trait("Category", "Hardening")]
public sealed partial class FuzzTests(ITestOutputHelper log)
{
    public const int DefaultSeed = 20261130;

    /// <summary>PERFGATE_FUZZ_SEED, PERFGATE_FUZZ_SECONDS and PERFGATE_FUZZ_ITERATIONS override the fixed defaults for a longer hunt.</summary>
    private static readonly int Seed = Setting("PERFGATE_FUZZ_SEED", DefaultSeed);
    private static readonly int MaxIterations = Setting("PERFGATE_FUZZ_ITERATIONS", 3000);
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(Setting("PERFGATE_FUZZ_SECONDS", 10));

    private static readonly string[] Fixtures =
    [
        BadInputCorpus.Run1,
        CliRunner.Fixture("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-brief.json"),
        CliRunner.Fixture("bdn-0.14.0", "run1", "BdnFixtures.ParserBenchmarks-report-full-compressed.json"),
        CliRunner.Fixture("bdn-0.13.12", "Modern.Codec-report-full-compressed.json"),
        CliRunner.Fixture("bdn-0.13.12", "Modern.Codec-report-brief.json"),
        CliRunner.Fixture("bdn-0.12.1", "Legacy.Benchmarks.Outer.Inner-report-full.json"),
        CliRunner.Fixture("custom", "perfgate-metrics.json"),
    ];

    /// <summary>Values a number can be swapped for: other types, BenchmarkDotNet's NaN (""), bare tokens, extremes.</summary>
    private static readonly string[] Replacements =
    [
        "\"x\"", "\"\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "NaN", "Infinity", "-1", "-1e-300", "0", "-0", "1e308", "1e309",
        "99999999999999999999999", "2147483648", "null", "true", "[]", "{}", "[1,2]", "{\"a\":1}", "\"12.5\"", "1.5e",
    ];

    [Fact]
    public void Mutated_fixtures_never_crash_the_check()
    {
        var random = new Random(Seed);
        var originals = Fixtures.Select(File.ReadAllBytes).ToArray();
        using var cli = new CliRunner();
        Refusal.Run(cli, "baseline", "update", "--from", BadInputCorpus.Run1, "--dir", "good-baseline", "--commit", "c0ffee").Code.ShouldBe(0);
        var baselineBytes = File.ReadAllBytes(cli.Path("good-baseline", "baseline.json"));
        Directory.CreateDirectory(cli.Path("baselines"));

        var codes = new int[3];
        var messages = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var iteration = 0;
        for (; iteration < MaxIterations && clock.Elapsed < TimeLimit; iteration++)
        {
            // Every fourth input is a mutated baseline judged against good results; the rest are mutated results, judged
            // alone or against the fixture they came from.
            var mutateBaseline = iteration % 4 == 3;
            var fixture = random.Next(originals.Length);
            var source = mutateBaseline ? baselineBytes : originals[fixture];
            var (input, mutations) = Mutate(source, random);
            string[] args;
            string inputPath;
            if (mutateBaseline)
            {
                inputPath = cli.Path("baselines", "baseline.json");
                args = ["check", "--results", BadInputCorpus.Run1, "--baseline", "baselines"];
            }
            else
            {
                inputPath = cli.Path("in", Path.GetFileName(Fixtures[fixture]));
                Directory.CreateDirectory(cli.Path("in"));
                args = iteration % 2 == 0
                    ? ["check", "--results", inputPath]
                    : ["check", "--results", inputPath, "--baseline", Fixtures[fixture], "--markdown", "report.md", "--json", "verdict.json"];
            }

            File.WriteAllBytes(inputPath, input);
            string? problem;
            int code = -1;
            try
            {
                var (c, _, error) = cli.Run(args);
                code = c;
                if (c == 2)
                {
                    var kind = Digits().Replace(error.Replace(inputPath, "<file>", StringComparison.Ordinal).Trim(), "#");
                    messages[kind] = messages.GetValueOrDefault(kind) + 1;
                }

                problem = c is < 0 or > 2 ? $"exit code {c}"
                    : c == 2 && !error.StartsWith("perfgate: ", StringComparison.Ordinal) ? $"exit code 2 without a 'perfgate: ' line: {error}"
                    : error.Contains("   at ", StringComparison.Ordinal) ? $"a stack trace without --verbose: {error}"
                    : null;
            }
            catch (Exception e)
            {
                problem = $"an exception escaped PerfGateApp.Run: {e}";
            }

            if (problem is not null)
            {
                var saved = Save(input, iteration, Path.GetFileName(inputPath));
                throw new ShouldAssertException(string.Create(CultureInfo.InvariantCulture,
                    $"fuzz failure: seed {Seed}, iteration {iteration}, input {(mutateBaseline ? "baseline.json" : Fixtures[fixture])} with {mutations}; saved to {saved}; 'perfgate {string.Join(' ', args)}': {problem}"));
            }

            codes[code]++;
        }

        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {Seed}: {iteration} inputs in {clock.Elapsed.TotalSeconds:0.0} s; exit 0: {codes[0]}, exit 1: {codes[1]}, exit 2: {codes[2]}"));
        var generic = messages.Where(m => m.Key.Contains("unreadable value", StringComparison.Ordinal));
        foreach (var (message, count) in messages.OrderByDescending(m => m.Value).Take(20).Concat(generic))
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count,6}  {message}"));
        }

        iteration.ShouldBeGreaterThan(50, "the loop must run enough inputs to mean something");
        codes[2].ShouldBeGreaterThan(0);
        (codes[0] + codes[1]).ShouldBeGreaterThan(0, "some mutations leave valid input, which must still be judged");
    }

    /// <summary>One to three mutations of one kind each; returns the bytes and a description for the failure message.</summary>
    private static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var bytes = original;
        var done = new List<string>();
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var (next, what) = random.Next(7) switch
            {
                0 => FlipBytes(bytes, random),
                1 => DeleteSpan(bytes, random),
                2 => DuplicateSpan(bytes, random),
                3 or 4 => SwapNumber(bytes, random),
                5 => Nest(bytes, random),
                _ => DropProperty(bytes, random),
            };
            bytes = next;
            done.Add(what);
        }

        return (bytes, string.Join(", ", done));
    }

    private static (byte[], string) FlipBytes(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        var flips = 1 + random.Next(8);
        for (var i = 0; i < flips; i++)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return (copy, $"{flips} bit flip(s)");
    }

    private static (byte[], string) DeleteSpan(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - at, 1 + random.Next(random.Next(2) == 0 ? 16 : 4096));
        return ([.. bytes[..at], .. bytes[(at + length)..]], $"deleted {length} bytes at {at}");
    }

    private static (byte[], string) DuplicateSpan(byte[] bytes, Random random)
    {
        var at = random.Next(bytes.Length);
        var length = Math.Min(bytes.Length - at, 1 + random.Next(4096));
        var to = random.Next(bytes.Length);
        return ([.. bytes[..to], .. bytes.AsSpan(at, length), .. bytes[to..]], $"copied {length} bytes from {at} to {to}");
    }

    private static (byte[], string) SwapNumber(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var numbers = NumberValue().Matches(text);
        if (numbers.Count == 0)
        {
            return FlipBytes(bytes, random);
        }

        var match = numbers[random.Next(numbers.Count)];
        var value = match.Groups["n"];
        var replacement = Replacements[random.Next(Replacements.Length)];
        return (Encoding.UTF8.GetBytes(text[..value.Index] + replacement + text[(value.Index + value.Length)..]), $"number at char {value.Index} -> {replacement}");
    }

    private static (byte[], string) Nest(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var numbers = NumberValue().Matches(text);
        if (numbers.Count == 0)
        {
            return DeleteSpan(bytes, random);
        }

        var value = numbers[random.Next(numbers.Count)].Groups["n"];
        var depth = random.Next(2) == 0 ? 1 + random.Next(70) : 1 + random.Next(20_000);
        var asObject = random.Next(2) == 0;
        var open = asObject ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) : new string('[', depth);
        var close = new string(asObject ? '}' : ']', depth);
        return (Encoding.UTF8.GetBytes(text[..value.Index] + open + value.Value + close + text[(value.Index + value.Length)..]),
            $"number at char {value.Index} nested {depth} deep in {(asObject ? "objects" : "arrays")}");
    }

    private static (byte[], string) DropProperty(byte[] bytes, Random random)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var names = PropertyName().Matches(text);
        if (names.Count == 0)
        {
            return DeleteSpan(bytes, random);
        }

        // Rename the property so it is absent (the value stays: structure intact, field missing).
        var name = names[random.Next(names.Count)].Groups["p"];
        return (Encoding.UTF8.GetBytes(text[..name.Index] + "Zz" + text[name.Index..]), $"renamed property '{name.Value}' at char {name.Index}");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Save(byte[] input, int iteration, string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), "perfgate-fuzz-failures");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"seed{Seed}-iteration{iteration}-{name}"));
        File.WriteAllBytes(path, input);
        return path;
    }

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    [GeneratedRegex(@"[:\[,]\s*(?<n>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberValue();

    [GeneratedRegex(@"""(?<p>[A-Za-z][A-Za-z0-9]*)""\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyName();
}
