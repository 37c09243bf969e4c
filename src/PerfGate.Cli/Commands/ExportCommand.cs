using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PerfGate.Cli.Output;
using PerfGate.Core;
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

    /// <summary>The JSON property of each CSV column: the same name in camelCase (<c>run_id</c> → <c>runId</c>).</summary>
    private static readonly string[] JsonNames = [.. CsvColumns.Select(CamelCase)];

    private static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliEnvironment env)
    {
        var history = CommonOptions.History(env);
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
                var (rows, runs) = AtomicFile.Write(path, exporter.WriteTo);
                env.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"perfgate: exported {rows} rows from {runs} runs to {path}"));
            }

            return ExitCodes.Pass;
        }));
        return command;
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
                    writer.WriteLine(string.Join(',', Row(run.Run, result).Select(value => TableWriter.CsvField(TableWriter.CsvText(value)))));
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
                WriteValue(json, "from", window?.From is { } from ? Iso(from) : null);
                WriteValue(json, "to", window?.To is { } to ? Iso(to) : null);
                WriteValue(json, "branch", branch);
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
            var values = Row(run, result);
            for (var i = 0; i < values.Length; i++)
            {
                WriteValue(json, JsonNames[i], values[i]);
            }

            json.WriteEndObject();
        }

        private static void WriteValue(Utf8JsonWriter json, string name, object? value)
        {
            switch (value)
            {
                case string text:
                    json.WriteString(name, text);
                    break;
                case double number when double.IsFinite(number):
                    json.WriteNumber(name, number);
                    break;
                case long number:
                    json.WriteNumber(name, number);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                default:
                    json.WriteNull(name); // null, NaN or an infinity
                    break;
            }
        }

        /// <summary>One exported row: the values of <see cref="CsvColumns"/>, in order (a missing value is null).</summary>
        private static object?[] Row(StoredRun run, StoredResult result) =>
        [
            run.Id,
            Iso(run.Timestamp),
            run.Branch,
            run.Commit,
            run.PullRequest,
            run.FingerprintKey,
            result.SeriesKey,
            result.DisplayName,
            result.Value,
            UnitOf(result),
            result.Benchmark?.AllocatedBytesPerOperation,
            Launches(result),
            result.OriginalValueCount,
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

    private static string CamelCase(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
