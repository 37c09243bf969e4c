using System.Globalization;
using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Ab;

/// <summary>
/// A stand-in benchmark command for <c>perfgate ab</c>: a bash script, written into a temp folder, that parses
/// <c>--artifacts &lt;folder&gt;</c> and <c>--filter &lt;pattern&gt;…</c> as BenchmarkDotNet does, appends its argument
/// list to <see cref="LogPath"/>, prints <c>// Benchmark: </c> lines, and writes a BenchmarkDotNet full JSON report
/// into <c>&lt;folder&gt;/results/</c>: the real 0.14.0 fixture runs with every time multiplied by the factor given as
/// its first argument (and a seeded per-benchmark noise), keeping only the benchmarks the filters match.
/// <c>STANDIN_QUIET=1</c> makes it print the benchmarks program's quiet progress lines instead and write the
/// <c>// Benchmark: </c> lines to a BenchmarkDotNet-like log file in the artifacts folder.
/// <c>STANDIN_FAIL_AT_CALL=n</c> makes the n-th call (counted over both sides) exit 7 without results;
/// <c>STANDIN_HANG_AT_CALL=n</c> makes it write its pid to <see cref="HungPidPath"/> and sleep for ten minutes.
/// </summary>
internal sealed class StandIn
{
    private const string Script = """
        #!/usr/bin/env bash
        set -u
        here="$(cd "$(dirname "$0")" && pwd)"
        factor="$1"; shift
        all="$*"
        artifacts=""
        filters=()
        while [ $# -gt 0 ]; do
          case "$1" in
            --artifacts) artifacts="$2"; shift 2 ;;
            --filter) shift; while [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; do filters+=("$1"); shift; done ;;
            *) shift ;;
          esac
        done
        call=$(( $(cat "$here/calls" 2>/dev/null || echo 0) + 1 )); echo "$call" > "$here/calls"
        mine=$(( $(cat "$here/calls-$factor" 2>/dev/null || echo 0) + 1 )); echo "$mine" > "$here/calls-$factor"
        echo "call=$call factor=$factor args=$all" >> "$here/log.txt"
        if [ "${STANDIN_HANG_AT_CALL:-0}" = "$call" ]; then
          echo $$ > "$here/hung.pid"
          sleep 600
        fi
        if [ "${STANDIN_FAIL_AT_CALL:-0}" = "$call" ]; then
          echo "stand-in: failing on purpose at call $call" >&2
          exit 7
        fi
        variants=$(ls -d "$here/data/$factor"/v* | wc -l)
        data="$here/data/$factor/v$(( (mine - 1) % variants ))"
        mkdir -p "$artifacts/results"
        out="$artifacts/results/BdnFixtures.ParserBenchmarks-report-full.json"
        cat "$data/prefix.txt" > "$out"
        first=1
        for pattern_file in "$data"/*.pattern; do
          pattern="$(cat "$pattern_file")"
          keep=1
          if [ ${#filters[@]} -gt 0 ]; then
            keep=0
            for f in "${filters[@]}"; do
              # shellcheck disable=SC2053
              if [[ "$pattern" == $f ]]; then keep=1; fi
            done
          fi
          if [ $keep = 1 ]; then
            done_count=$(( ${done_count:-0} + 1 ))
            if [ "${STANDIN_QUIET:-0}" = 1 ]; then
              echo "// PerfGate: benchmark $done_count done: $pattern in 0.1 s (0:01 elapsed)"
              echo "// Benchmark: $pattern (the full log)" >> "$artifacts/BenchmarkRun-standin.log"
            else
              echo "// Benchmark: $pattern"
            fi
            if [ $first = 0 ]; then printf ',' >> "$out"; fi
            cat "${pattern_file%.pattern}.json" >> "$out"
            first=0
          fi
        done
        printf ']}' >> "$out"
        echo "// ***** BenchmarkRunner: End *****"
        """;

    public StandIn(string folder, params double[] factors)
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        File.WriteAllText(ScriptPath, Script.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
        foreach (var factor in factors)
        {
            WriteData(factor);
        }
    }

    /// <summary>Per-benchmark noise of the copies, as a fraction (on top of the fixtures' own run-to-run difference).</summary>
    public double Noise { get; init; } = 0.05;

    public string Folder { get; }

    public string ScriptPath => Path.Combine(Folder, "stand-in.sh");

    public string LogPath => Path.Combine(Folder, "log.txt");

    public string HungPidPath => Path.Combine(Folder, "hung.pid");

    /// <summary>The command line for one side: the script with its time factor.</summary>
    public string Command(double factor) => $"bash '{ScriptPath}' {Name(factor)}";

    /// <summary>The stand-in's log: one line per call, <c>call=N factor=F args=…</c>.</summary>
    public string[] Calls() => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>Writes the report data of one factor: four variants (run1, run2, run1, run2 with different noise), each benchmark a fragment with its filter pattern.</summary>
    private void WriteData(double factor)
    {
        for (var variant = 0; variant < 4; variant++)
        {
            var root = JsonNode.Parse(File.ReadAllText(variant % 2 == 0 ? CliRunner.Run1 : CliRunner.Run2))!.AsObject();
            var benchmarks = root["Benchmarks"]!.AsArray();
            root.Remove("Benchmarks");
            var dir = Path.Combine(Folder, "data", Name(factor), "v" + variant.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(dir);
            var prefix = root.ToJsonString();
            File.WriteAllText(Path.Combine(dir, "prefix.txt"), prefix[..prefix.LastIndexOf('}')] + ",\"Benchmarks\":[");
            var random = new Random((variant * 7919) + (int)Math.Round(factor * 1000));
            for (var i = 0; i < benchmarks.Count; i++)
            {
                var benchmark = benchmarks[i]!;
                BdnJson.ScaleTimes(benchmark, factor * (1 + Noise * (2 * random.NextDouble() - 1)));
                var name = i.ToString("000", CultureInfo.InvariantCulture);
                File.WriteAllText(Path.Combine(dir, name + ".json"), benchmark.ToJsonString());
                File.WriteAllText(Path.Combine(dir, name + ".pattern"), $"{benchmark["Namespace"]}.{benchmark["Type"]}.{benchmark["Method"]}");
            }
        }
    }

    private static string Name(double factor) => factor.ToString("0.00", CultureInfo.InvariantCulture);
}
