namespace PerfGate.Core.History.Migrations;

/// <summary>
/// The steps of each recorded run, stored when the run is recorded so <c>perfgate status</c> reads them instead of
/// searching every series again (docs/history.md, <c>run_steps</c>). Derived data: one row per run, deleted with it;
/// <c>trend_key</c> names the trend settings and the scan they came from, <c>window_key</c> the branch's runs they
/// were computed over; a reader trusts the row only while both still match, and computes the steps otherwise.
/// <c>steps</c> is the binary encoding of <see cref="Rules.RunStepsCodec"/> (each benchmark with a step: its key and steps).
/// </summary>
internal static class Migration003RunSteps
{
    public static Migration Instance { get; } = new(3, "run steps", Sql);

    private const string Sql = """
        CREATE TABLE run_steps (
            run_id      INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
            trend_key   TEXT    NOT NULL,
            window_key  TEXT    NOT NULL,
            steps       BLOB    NOT NULL
        );
        """;
}
