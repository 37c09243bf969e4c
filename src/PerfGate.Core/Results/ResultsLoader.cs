using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace PerfGate.Core.Results;

/// <summary>
/// The file-system adapter for results: each path is a BenchmarkDotNet report, a <c>perfgate-metrics/1</c> file, or a
/// folder (<c>BenchmarkDotNet.Artifacts</c> or its <c>results</c>) searched for both. Everything merges into one run.
/// </summary>
/// <remarks>
/// BenchmarkDotNet names a report <c>{Namespace.Type}-report{suffix}.json</c> with suffix <c>-full</c>,
/// <c>-full-compressed</c>, <c>-brief</c>, <c>-brief-compressed</c> (<c>Exporters/Json/JsonExporter.cs</c>; its
/// <c>Default</c> is FullCompressed) or a custom one (<c>[JsonExporter]</c>: none). Reports of one class in one folder
/// are one group, read in the order full, full-compressed, plain, custom, brief, brief-compressed, so a benchmark is
/// counted once and its measurements win over a brief copy.
/// </remarks>
public static class ResultsLoader
{
    private const string ReportMarker = "-report";

    /// <summary>
    /// The largest JSON file read (256 MB): a 1,000-benchmark full report is about 40 MB, and parsing keeps the file
    /// plus a token index in memory, so anything bigger is refused before it is read rather than risk running out.
    /// </summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <exception cref="ResultsFormatException">A path does not exist, a folder holds no results, or a file is unreadable.</exception>
    public static BenchmarkRun Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var reports = new List<string>();
        var metricFiles = new List<string>();
        var explicitJson = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                explicitJson.Add(Path.GetFullPath(path));
            }
            else if (Directory.Exists(path))
            {
                var before = reports.Count + metricFiles.Count;
                Discover(path, reports, metricFiles);
                if (reports.Count + metricFiles.Count == before)
                {
                    var empty = !Directory.EnumerateFileSystemEntries(path).Any();
                    throw new ResultsFormatException(path, empty
                        ? "the folder is empty"
                        : "no BenchmarkDotNet results (*-report*.json) or perfgate-metrics files in this folder");
                }
            }
            else
            {
                throw new ResultsFormatException(path, "no such file or folder");
            }
        }

        var groups = new SortedDictionary<string, List<BenchmarkRun>>(StringComparer.Ordinal);
        var custom = new List<(CustomMetric, string)>();
        foreach (var file in explicitJson)
        {
            var bytes = ReadAll(file);
            if (BdnStreamingReader.TryRead(bytes, file) is { } fast)
            {
                AddToGroup(groups, file, fast);
                continue;
            }

            using var document = Parse(bytes, file);
            if (CustomMetricsReader.IsMetricsFile(document.RootElement))
            {
                custom.AddRange(CustomMetricsReader.Read(document.RootElement, file).Select(m => (m, file)));
            }
            else
            {
                AddToGroup(groups, file, BenchmarkDotNetJsonReader.Read(document.RootElement, file));
            }
        }

        foreach (var file in reports.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var bytes = ReadAll(file);
            AddToGroup(groups, file, BdnStreamingReader.TryRead(bytes, file) ?? BenchmarkDotNetJsonReader.ReadCarefully(new MemoryStream(bytes, writable: false), file));
        }

        foreach (var file in metricFiles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            using var document = Open(file);
            custom.AddRange(CustomMetricsReader.Read(document.RootElement, file).Select(m => (m, file)));
        }

        var ordered = groups.Values
            .Select(g => (IReadOnlyList<BenchmarkRun>)[.. g.OrderBy(r => Rank(r.Sources[0])).ThenBy(r => r.Sources[0], StringComparer.Ordinal)])
            .ToList();
        return RunMerger.Merge(ordered, custom);
    }

    internal static JsonDocument Open(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            RequireSize(stream, file);
            return JsonInput.Parse(stream, file);
        }
        catch (IOException e)
        {
            throw CannotRead(file, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CannotRead(file, e);
        }
    }

    /// <summary>The whole file, for a fast path (<see cref="BdnStreamingReader"/>, <c>BaselineStreamingReader</c>) and, where it declines, the careful reader.</summary>
    internal static byte[] ReadAll(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            RequireSize(stream, file);
            var bytes = GC.AllocateUninitializedArray<byte>((int)stream.Length);
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (IOException e)
        {
            throw CannotRead(file, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw CannotRead(file, e);
        }
    }

    /// <summary>The careful parse of bytes <see cref="ReadAll"/> read, as <see cref="Open"/> parses the file.</summary>
    internal static JsonDocument Parse(byte[] bytes, string file) => JsonInput.Parse(new MemoryStream(bytes, writable: false), file);

    private static void RequireSize(FileStream stream, string file)
    {
        if (stream.Length > MaxFileBytes)
        {
            throw new ResultsFormatException(file, string.Create(CultureInfo.InvariantCulture,
                $"{stream.Length:N0} bytes is larger than the {MaxFileBytes / (1024 * 1024)} MB limit for one JSON file; split the run (BenchmarkDotNet writes one report per class) or use the brief exporter"));
        }
    }

    private static ResultsFormatException CannotRead(string file, Exception e) => new(file, $"cannot read: {e.Message}", e);

    private static void Discover(string folder, List<string> reports, List<string> metricFiles)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", options))
        {
            var full = Path.GetFullPath(file);
            if (IsBuildOutput(Path.GetRelativePath(folder, full)))
            {
                continue; // generated benchmark projects kept with KeepBenchmarkFiles hold *.deps.json and the like
            }

            var name = Path.GetFileName(full);
            if (name.StartsWith("perfgate-metrics", StringComparison.OrdinalIgnoreCase) || DeclaresMetricsFormat(full))
            {
                metricFiles.Add(full);
            }
            else if (name.Contains(ReportMarker, StringComparison.OrdinalIgnoreCase))
            {
                reports.Add(full);
            }
        }
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .SkipLast(1)
            .Any(part => part.Equals("bin", StringComparison.OrdinalIgnoreCase) || part.Equals("obj", StringComparison.OrdinalIgnoreCase));

    /// <summary>Any JSON whose beginning declares the metrics format, whatever its name; reads at most 4 KB.</summary>
    private static bool DeclaresMetricsFormat(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[4096];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read).Contains(CustomMetricsReader.Format, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void AddToGroup(SortedDictionary<string, List<BenchmarkRun>> groups, string file, BenchmarkRun run)
    {
        var name = Path.GetFileName(file);
        var marker = name.LastIndexOf(ReportMarker, StringComparison.OrdinalIgnoreCase);
        var key = marker > 0 ? Path.Combine(Path.GetDirectoryName(file) ?? "", name[..marker]) : file;
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = [];
        }

        group.Add(run);
    }

    private static int Rank(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var marker = name.LastIndexOf(ReportMarker, StringComparison.OrdinalIgnoreCase);
        var suffix = marker >= 0 ? name[(marker + ReportMarker.Length)..].ToLowerInvariant() : "";
        return suffix switch
        {
            "-full" => 0,
            "-full-compressed" => 1,
            "" => 2,
            "-brief" => 4,
            "-brief-compressed" => 5,
            _ => 3,
        };
    }

}
