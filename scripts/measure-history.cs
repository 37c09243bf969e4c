#:project ../src/PerfGate.Core/PerfGate.Core.csproj
#:property Optimize=true
#:property PublishAot=false

// Measures SqliteHistoryStore.GetRecent on a synthetic history (not a test; the lead's BenchmarkDotNet benchmark
// will replace it). Usage: dotnet run scripts/measure-history.cs -- [path] [series] [runs] [perSeries]
//
// --backends: the same figures for SQLite and PostgreSQL side by side on the same synthetic data: recording a run of
// [series] benchmarks, and what `check` reads (open, GetRecent of every series, GetAcknowledged) from a
// [series] x [runs] history. PostgreSQL comes from PERFGATE_TEST_POSTGRES or PERFGATE_HISTORY (a connection string),
// e.g. a throwaway server: ./scripts/with-postgres.sh dotnet run scripts/measure-history.cs -- --backends 1000 1000
using System.Diagnostics;
using System.Globalization;
using Npgsql;
using PerfGate.Core.History;
using PerfGate.Core.History.Postgres;

if (args.Length > 0 && args[0] == "--backends")
{
    await Backends.Measure(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
    return;
}

var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "perfgate-measure", "history.db");
var series = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var perSeries = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;

if (!File.Exists(path))
{
    var generate = Stopwatch.StartNew();
    SyntheticHistory.Generate(path, series, runs);
    Console.WriteLine($"generated {series} series x {runs} runs = {series * runs:N0} results in {generate.Elapsed.TotalSeconds:F1} s");
}

Console.WriteLine($"file: {path}, {new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB");
var keys = SyntheticHistory.SeriesKeys(series);
using var store = new SqliteHistoryStore(path);
var fingerprint = SyntheticHistory.Host.Key;
for (var round = 0; round < 2; round++)
{
    foreach (var (label, fp) in new[] { ("branch", (string?)null), ("branch+fingerprint", fingerprint) })
    {
        var times = new List<double>();
        long allocated = 0;
        var points = 0;
        for (var i = 0; i < 7; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            var recent = store.GetRecent("main", keys, perSeries, fp);
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
            points = recent.Values.Sum(v => v.Length);
        }

        times.Sort();
        Console.WriteLine($"round {round} GetRecent({label}) {series} series x {perSeries}: min {times[0]:F0}, median {times[times.Count / 2]:F0}, max {times[^1]:F0} ms, {points:N0} points, {allocated / 1024.0 / 1024.0:F1} MiB allocated per call");
    }
}

Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:F0} MiB");

internal static class Backends
{
    public static Task Measure(int series, int runs)
    {
        var server = Environment.GetEnvironmentVariable("PERFGATE_TEST_POSTGRES") ?? Environment.GetEnvironmentVariable("PERFGATE_HISTORY");
        if (string.IsNullOrEmpty(server) || !PostgresLocation.IsConnectionString(server))
        {
            Console.Error.WriteLine("--backends needs a PostgreSQL connection string in PERFGATE_TEST_POSTGRES or PERFGATE_HISTORY (./scripts/with-postgres.sh starts one).");
            Environment.Exit(2);
        }

        var folder = Path.Combine(Path.GetTempPath(), "perfgate-measure-backends-" + Guid.NewGuid().ToString("N"));
        var sqlitePath = Path.Combine(folder, "history.db");
        var schema = "measure_" + Guid.NewGuid().ToString("N");
        Exec(server!, $"CREATE SCHEMA {schema};");
        var postgres = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        Console.WriteLine($"{series} series x {runs} runs = {series * runs:N0} result rows per backend; {Environment.ProcessorCount} cores");
        try
        {
            Run("sqlite", () => new SqliteHistoryStore(sqlitePath), series, runs);
            Run("postgres", () => new PostgresHistoryStore(postgres, new PostgresHistoryOptions { Project = "measure/project" }), series, runs);
            Console.WriteLine($"sqlite file {new FileInfo(sqlitePath).Length / 1024.0 / 1024.0:F0} MiB; postgres schema {Scalar(postgres, "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'") / 1024.0 / 1024.0:F0} MiB");
        }
        finally
        {
            Exec(server!, $"DROP SCHEMA IF EXISTS {schema} CASCADE;");
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    private static void Run(string name, Func<IHistoryOperations> open, int series, int runs)
    {
        var keys = SyntheticHistory.SeriesKeys(series);
        var fingerprint = SyntheticHistory.Host.Key;
        var generate = Stopwatch.StartNew();
        using (var store = open())
        {
            SyntheticHistory.Generate(store, series, runs);
        }

        Console.WriteLine($"{name}: generated {series * runs:N0} rows in {generate.Elapsed.TotalSeconds:F0} s ({generate.Elapsed.TotalMilliseconds / runs:F0} ms per run of {series})");

        // Recording one more run of `series` benchmarks into the full history (a later hour, so the series stay in time order).
        var record = new List<double>();
        using (var store = open())
        {
            for (var i = 0; i < 7; i++)
            {
                var extra = new SyntheticHistoryOptions { Start = new SyntheticHistoryOptions().Start.AddHours(runs + i), Seed = 1000 + i, Branches = ["pr"] };
                var watch = Stopwatch.StartNew();
                SyntheticHistory.Generate(store, series, 1, extra);
                record.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        // What check reads: open the store, the newest 20 points of every series on main on this machine, the acknowledgements.
        var read = new List<double>();
        var points = 0;
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            using var store = open();
            var recent = store.GetRecent("main", keys, 20, fingerprint);
            store.GetAcknowledged(keys, "main");
            read.Add(watch.Elapsed.TotalMilliseconds);
            points = recent.Values.Sum(v => v.Length);
        }

        record.Sort();
        read.Sort();
        Console.WriteLine($"{name}: record a run of {series} benchmarks: median {record[3]:F0} ms (min {record[0]:F0}, max {record[^1]:F0}) over 7");
        Console.WriteLine($"{name}: check's history read of {series} series x 20 points ({points:N0} points, store opened each time): median {read[3]:F0} ms (min {read[0]:F0}, max {read[^1]:F0}) over 7");
    }

    private static void Exec(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static long Scalar(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
