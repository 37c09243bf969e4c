using PerfGate.Core.Results;

namespace PerfGate.Core.Baselines;

/// <summary>
/// The file-system adapter for the committed baseline: <c>baselines/*.json</c> files with
/// <c>"format": "perfgate-baseline/1"</c> (other JSON there, such as <c>baselines/bdn/*</c>, and README.md are ignored).
/// </summary>
public static class BaselineStore
{
    public const string FileName = "baseline.json";

    /// <summary>Reads a baseline file, or every baseline file directly in a folder, merged.</summary>
    /// <exception cref="ResultsFormatException">No baseline there, or a baseline file is invalid.</exception>
    public static BenchmarkRun Load(string dirOrFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dirOrFile);
        if (File.Exists(dirOrFile))
        {
            using var document = OpenUnlessFast(dirOrFile, out var fast);
            return fast ?? BaselineFile.Read(document!.RootElement, dirOrFile);
        }

        if (!Directory.Exists(dirOrFile))
        {
            throw new ResultsFormatException(dirOrFile, "no such file or folder");
        }

        var runs = BaselinesIn(dirOrFile);
        return runs.Count > 0
            ? RunMerger.Merge([runs], [])
            : throw new ResultsFormatException(dirOrFile, $"no PerfGate baseline (a *.json file with \"format\": \"{BaselineFile.Format}\") in this folder");
    }

    /// <summary>
    /// Reads baselines and/or BenchmarkDotNet results (so <c>--baseline</c> may point at either): a baseline file, a folder
    /// holding baseline files, or anything <see cref="ResultsLoader"/> accepts. Everything merges into one run.
    /// </summary>
    public static BenchmarkRun LoadAny(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var runs = new List<BenchmarkRun>();
        var results = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                using var document = OpenUnlessFast(path, out var fast);
                if (fast is not null)
                {
                    runs.Add(fast);
                    continue;
                }

                if (BaselineFile.IsBaseline(document!.RootElement) || IsMisnamedBaseline(path, document.RootElement))
                {
                    runs.Add(BaselineFile.Read(document.RootElement, path));
                    continue;
                }
            }
            else if (Directory.Exists(path) && BaselinesIn(path) is { Count: > 0 } baselines)
            {
                runs.AddRange(baselines);
                continue;
            }
            else if (Directory.Exists(path) && File.Exists(Path.Combine(path, FileName)))
            {
                // baselines/baseline.json that is not a baseline: say what is wrong with it, not "no results in this folder".
                var file = Path.Combine(path, FileName);
                using var document = ResultsLoader.Open(file);
                runs.Add(BaselineFile.Read(document.RootElement, file));
                continue;
            }

            results.Add(path);
        }

        if (results.Count > 0)
        {
            runs.Add(ResultsLoader.Load(results));
        }

        return runs.Count switch
        {
            0 => throw new ResultsFormatException("--baseline", "no path given"),
            1 => runs[0],
            _ => RunMerger.Merge([.. runs.Select(r => (IReadOnlyList<BenchmarkRun>)[r])], []),
        };
    }

    /// <summary>
    /// Writes <paramref name="run"/> to <c>{dir}/baseline.json</c> atomically: a temporary file in the same folder, flushed
    /// to disk, then moved over the target. On any failure the old baseline is untouched and the temporary file removed.
    /// </summary>
    /// <returns>The path of the baseline file.</returns>
    public static string Update(BenchmarkRun run, string dir)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(dir);
        var target = Path.Combine(dir, FileName);
        return AtomicFile.Write(target, writer =>
        {
            BaselineFile.Write(run, writer);
            return target;
        });
    }

    /// <summary>
    /// A file named <c>baseline.json</c> without a PerfGate format tag (or with another tool's), which is read strictly so its
    /// problem is reported; read as BenchmarkDotNet results instead, its lower-case <c>benchmarks</c> would half-match.
    /// </summary>
    private static bool IsMisnamedBaseline(string path, System.Text.Json.JsonElement root) =>
        string.Equals(Path.GetFileName(path), FileName, StringComparison.OrdinalIgnoreCase) && !CustomMetricsReader.IsMetricsFile(root);

    private static List<BenchmarkRun> BaselinesIn(string dir)
    {
        var runs = new List<BenchmarkRun>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = OpenUnlessFast(file, out var fast);
            if (fast is not null)
            {
                runs.Add(fast);
            }
            else if (BaselineFile.IsBaseline(document!.RootElement))
            {
                runs.Add(BaselineFile.Read(document.RootElement, file));
            }
        }

        return runs;
    }

    /// <summary>
    /// A file read by <see cref="BaselineStreamingReader"/> (<paramref name="fast"/>, no document: a baseline as the writer
    /// writes it, so the careful reader would read the same), or, where it declines, parsed for the careful reader.
    /// </summary>
    private static System.Text.Json.JsonDocument? OpenUnlessFast(string file, out BenchmarkRun? fast)
    {
        var bytes = ResultsLoader.ReadAll(file);
        fast = BaselineStreamingReader.TryRead(bytes, file);
        return fast is null ? ResultsLoader.Parse(bytes, file) : null;
    }
}
