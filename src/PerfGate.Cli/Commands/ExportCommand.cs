using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfGate.Cli.Output;
using PerfGate.Core.History;
using PerfGate.Core.Operations;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate export</c>: every recorded result in the window as CSV or JSON, one row per run × series, streamed from
/// the history one run at a time and written atomically (a temporary file moved over the target) or to stdout.
/// </summary>
internal static class ExportCommand
{
    /// <summary>The CSV header, in column order (JSON rows carry the same fields in camelCase).</summary>
    public static readonly string[] CsvColumns =
    [
        "run_id", "timestamp", "branch", "commit", "pull_request", "fingerprint", "series_key", "display_name",
        "value", "unit", "allocated_bytes", "launches", "original_value_count",
    ];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliEnvironment env)
    {
        var history = CommonOptions.History();
        var format = CommonOptions.Format(OutputFormat.Csv, OutputFormat.Json);
        var days = ReportCommand.Days("Only the last N days up to now (N ≥ 1; default: the whole history).", null);
        var branch = new Option<string?>("--branch") { Description = "Only runs on this branch (default: every branch)." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (its folder is created), or - for standard output.", Required = true };
        var verbose = CommonOptions.Verbose();
        var command = new Command("export", "Export every recorded result (one row per run × series) as CSV or JSON.")
        {
            history, format, days, branch, output, verbose,
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            using var store = HistoryAccess.OpenExisting(env, parse.GetValue(history)!);
            var now = env.Clock.GetUtcNow();
            var window = parse.GetValue(days) is { } n ? HistoryWindow.LastDays(now, n) : null;
            var branchName = parse.GetValue(branch);
            if (branchName is not null && store.GetLatestRun(branchName) is null)
            {
                throw new UsageException($"{store.Path}: no run recorded on branch '{branchName}'");
            }

            var target = parse.GetValue(output)!;
            // Table is not accepted on the command line, so it means --format was not given: CSV.
            var exporter = new Exporter(store, parse.GetValue(format) == OutputFormat.Json ? OutputFormat.Json : OutputFormat.Csv, window, branchName, now, env);
            if (target == "-")
            {
                var (rows, runs) = exporter.WriteTo(env.Out);
                env.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perfgate: exported {rows} rows from {runs} runs to standard output"));
            }
            else
            {
                var path = env.Resolve(target);
                var (rows, runs) = WriteAtomically(path, exporter.WriteTo);
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perfgate: exported {rows} rows from {runs} runs to {path}"));
            }

            return ExitCodes.Pass;
        }));
        return command;
    }

    /// <summary>Writes through a temporary file in the target's folder, moved over the target only when complete.</summary>
    private static T WriteAtomically<T>(string path, Func<TextWriter, T> write)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            T result;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                result = write(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            return result;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Streams the rows of the runs in the window to a writer, one run in memory at a time.</summary>
    private sealed class Exporter(IHistoryOperations store, OutputFormat format, HistoryWindow? window, string? branch, DateTimeOffset now, CliEnvironment env)
    {
        public (long Rows, long Runs) WriteTo(TextWriter writer)
        {
            var runs = window is null
                ? store.StreamRuns(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue, branch)
                : store.StreamRuns(window.StoreFrom, window.StoreTo, branch);
            return format == OutputFormat.Json ? WriteJson(runs, writer) : WriteCsv(runs, writer);
        }

        private (long Rows, long Runs) WriteCsv(IEnumerable<RunWithResults> runs, TextWriter writer)
        {
            writer.WriteLine(string.Join(',', CsvColumns));
            long rowCount = 0;
            long runCount = 0;
            using var progress = new ProgressLine(env, "exporting");
            foreach (var run in runs)
            {
                runCount++;
                foreach (var result in run.Results)
                {
                    writer.WriteLine(string.Join(',', Fields(run.Run, result).Select(TableWriter.CsvField)));
                    rowCount++;
                }

                progress.Report(runCount, "runs");
            }

            return (rowCount, runCount);
        }

        private (long Rows, long Runs) WriteJson(IEnumerable<RunWithResults> runs, TextWriter writer)
        {
            var buffer = new ArrayBufferWriter<byte>();
            long rowCount = 0;
            long runCount = 0;
            using (var json = new Utf8JsonWriter(buffer, JsonOptions))
            using (var progress = new ProgressLine(env, "exporting"))
            {
                json.WriteStartObject();
                json.WriteString("exportedAt", Iso(now));
                WriteTime(json, "from", window?.From);
                WriteTime(json, "to", window?.To);
                WriteNullableString(json, "branch", branch);
                json.WriteStartArray("rows");
                foreach (var run in runs)
                {
                    runCount++;
                    foreach (var result in run.Results)
                    {
                        WriteRow(json, run.Run, result);
                        rowCount++;
                    }

                    Drain(json, buffer, writer);
                    progress.Report(runCount, "runs");
                }

                json.WriteEndArray();
                json.WriteEndObject();
                Drain(json, buffer, writer);
            }

            writer.WriteLine();
            return (rowCount, runCount);
        }

        private static void Drain(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, TextWriter writer)
        {
            json.Flush();
            writer.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }

        private static void WriteRow(Utf8JsonWriter json, StoredRun run, StoredResult result)
        {
            json.WriteStartObject();
            json.WriteNumber("runId", run.Id);
            json.WriteString("timestamp", Iso(run.Timestamp));
            json.WriteString("branch", run.Branch);
            WriteNullableString(json, "commit", run.Commit);
            if (run.PullRequest is { } pr)
            {
                json.WriteNumber("pullRequest", pr);
            }
            else
            {
                json.WriteNull("pullRequest");
            }

            json.WriteString("fingerprint", run.FingerprintKey);
            json.WriteString("seriesKey", result.SeriesKey);
            json.WriteString("displayName", result.DisplayName);
            WriteNullableNumber(json, "value", result.Value);
            json.WriteString("unit", UnitOf(result));
            WriteNullableNumber(json, "allocatedBytes", result.Benchmark?.AllocatedBytesPerOperation);
            json.WriteNumber("launches", Launches(result));
            json.WriteNumber("originalValueCount", result.OriginalValueCount);
            json.WriteEndObject();
        }

        private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
        {
            if (time is { } t)
            {
                json.WriteString(name, Iso(t));
            }
            else
            {
                json.WriteNull(name);
            }
        }

        private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
        {
            if (value is null)
            {
                json.WriteNull(name);
            }
            else
            {
                json.WriteString(name, value);
            }
        }

        private static void WriteNullableNumber(Utf8JsonWriter json, string name, double? value)
        {
            if (value is { } v && double.IsFinite(v))
            {
                json.WriteNumber(name, v);
            }
            else
            {
                json.WriteNull(name);
            }
        }

        private static IEnumerable<string> Fields(StoredRun run, StoredResult result) =>
        [
            run.Id.ToString(CultureInfo.InvariantCulture),
            Iso(run.Timestamp),
            run.Branch,
            run.Commit ?? string.Empty,
            run.PullRequest?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            run.FingerprintKey,
            result.SeriesKey,
            result.DisplayName,
            result.Value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
            UnitOf(result),
            result.Benchmark?.AllocatedBytesPerOperation is { } a ? a.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
            Launches(result).ToString(CultureInfo.InvariantCulture),
            result.OriginalValueCount.ToString(CultureInfo.InvariantCulture),
        ];

        /// <summary>ISO 8601 in UTC to the millisecond the history keeps: <c>2026-11-30T12:00:00.000Z</c>.</summary>
        private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static string UnitOf(StoredResult result) => result.Metric?.Unit ?? "ns";

        /// <summary>Launches of a benchmark as stored: from the raw values' launch layout, else the per-launch medians, else one; 0 for metrics and failed benchmarks.</summary>
        private static int Launches(StoredResult result) => result.Benchmark switch
        {
            null => 0,
            { Launches.IsDefaultOrEmpty: false } b => b.Launches.Length,
            _ when !result.LaunchMedians.IsDefaultOrEmpty => result.LaunchMedians.Length,
            { FailedToRun: false } => 1,
            _ => 0,
        };
    }
}
