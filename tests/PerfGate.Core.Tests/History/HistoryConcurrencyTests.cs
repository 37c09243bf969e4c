using PerfGate.Core.History;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

/// <summary>
/// Separate store instances (separate connections, as separate gate processes would have) writing one file at once.
/// SQLite's file locks behave the same between connections of one process as between processes.
/// </summary>
public abstract class HistoryConcurrencyTests : IDisposable
{
    private protected HistoryConcurrencyTests(HistoryBackend backend) => Backend = backend;

    private protected HistoryBackend Backend { get; }

    public void Dispose()
    {
        Backend.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Concurrent_writers_lose_no_row(int writers)
    {
        const int RunsPerWriter = 50;
        Backend.Open().Dispose();
        using var start = new Barrier(writers);

        var ids = Enumerable.Range(0, writers)
            .Select(w => Task.Factory.StartNew(() =>
            {
                using var store = Backend.Open();
                start.SignalAndWait();
                var mine = new List<long>();
                for (var i = 0; i < RunsPerWriter; i++)
                {
                    var at = T0.AddMinutes((w * RunsPerWriter) + i);
                    mine.Add(store.RecordRun(Run(at, $"writer-{w}", ("Parse", i), ("Load", i), ($"Only{w}", i)), [Alert("Parse", PerfGate.Core.Verdicts.Severity.Warning)]));
                }

                return mine;
            }, TaskCreationOptions.LongRunning))
            .ToArray();
        var recorded = await Task.WhenAll(ids).WaitAsync(TimeSpan.FromMinutes(2));

        recorded.SelectMany(r => r).Distinct().Count().ShouldBe(writers * RunsPerWriter);
        Backend.Scalar("SELECT count(*) FROM runs").ShouldBe(writers * RunsPerWriter);
        Backend.Scalar("SELECT count(*) FROM results").ShouldBe(writers * RunsPerWriter * 3);
        Backend.Scalar("SELECT count(*) FROM alerts").ShouldBe(writers * RunsPerWriter);
        Backend.Scalar("SELECT count(*) FROM series").ShouldBe(2 + writers);
        using var reader = Backend.Open();
        for (var w = 0; w < writers; w++)
        {
            Values(reader.GetRecent($"writer-{w}", [Key("Parse")], 100), "Parse").ShouldBe(Enumerable.Range(0, RunsPerWriter).Reverse().Select(i => (double)i));
        }
    }

    [Fact]
    public async Task Readers_see_whole_runs_while_a_writer_records()
    {
        Backend.Open().Dispose();
        var methods = Enumerable.Range(0, 20).Select(i => ($"M{i}", 1.0)).ToArray();
        var keys = methods.Select(m => Key(m.Item1)).ToArray();
        using var done = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            using var store = Backend.Open();
            for (var i = 0; i < 40; i++)
            {
                store.RecordRun(Run(T0.AddMinutes(i), "main", methods), []);
            }

            done.Cancel();
        });
        var observations = 0;
        using (var store = Backend.Open())
        {
            while (!done.IsCancellationRequested || observations == 0)
            {
                var counts = store.GetRecent("main", keys, 1000).Values.Select(v => v.Length).Distinct().ToArray();
                counts.Length.ShouldBe(1, "every series has the same number of points: no run is seen half-written");
                observations++;
            }
        }

        await writer;
        observations.ShouldBeGreaterThan(0);
    }
}

public sealed class SqliteHistoryConcurrencyTests() : HistoryConcurrencyTests(new SqliteBackend());

public sealed class PostgresHistoryConcurrencyTests() : HistoryConcurrencyTests(new PostgresBackend());
