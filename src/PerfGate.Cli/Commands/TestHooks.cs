using System.Globalization;
using PerfGate.Core.History;

namespace PerfGate.Cli.Commands;

/// <summary>
/// TEST-ONLY switches, read in this one place and documented as such in docs/hardening.md. Not for users: they make
/// perfgate slower on purpose so the fault tests can kill a real process in the middle of recording.
/// </summary>
internal static class TestHooks
{
    /// <summary>
    /// <c>PERFGATE_TEST_RECORD_DELAY_MS=n</c>: inside the recording transaction, print one marker line to stderr before
    /// the first result row and sleep <c>n</c> ms after each result row (tests/PerfGate.Cli.Tests/Faults).
    /// </summary>
    public const string RecordDelayVariable = "PERFGATE_TEST_RECORD_DELAY_MS";

    public const string RecordingMarker = "perfgate: test hook: recording started";

    public static void SlowDownRecording(IHistoryStore store, CliEnvironment env)
    {
        if (env.Get(RecordDelayVariable) is not { } text
            || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return;
        }

        void Hook(int index)
        {
            if (index == 0)
            {
                env.Error.WriteLine(RecordingMarker);
                env.Error.Flush();
            }

            Thread.Sleep(milliseconds);
        }

        switch (store)
        {
            case SqliteHistoryStore sqlite:
                sqlite.AfterResultWritten = Hook;
                break;
            case Core.History.Postgres.PostgresHistoryStore postgres:
                postgres.AfterResultWritten = Hook;
                break;
        }
    }
}
