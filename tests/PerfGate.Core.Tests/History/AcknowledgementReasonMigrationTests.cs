using Microsoft.Data.Sqlite;
using PerfGate.Core.History;
using PerfGate.Core.History.Migrations;
using PerfGate.Core.Rules;
using static PerfGate.Core.Tests.History.HistoryData;

namespace PerfGate.Core.Tests.History;

/// <summary>Migration 2: a version-1 history with an acknowledged alert gains <c>alerts.acknowledgement_reason</c>, keeping its data.</summary>
public sealed class AcknowledgementReasonMigrationTests
{
    [Fact]
    public void A_version_1_history_is_upgraded_its_old_acknowledgement_has_no_reason_and_new_ones_keep_theirs()
    {
        using var temp = new TempHistory();
        Directory.CreateDirectory(Path.GetDirectoryName(temp.DbPath)!);
        using (var connection = new SqliteConnection($"Data Source={temp.DbPath};Pooling=False"))
        {
            connection.Open();
            MigrationRunner.Apply(connection, temp.DbPath, [Migration001InitialSchema.Instance], T0).ShouldBe(1);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO alerts (triggered_at, branch, fingerprint_key, tier, severity, series_key, metric, current_value, expected_value, deviation_percent, message, acknowledged, acknowledged_by, acknowledged_at, notes)
                VALUES (0, 'main', 'fp', 'history', 'error', 'Parse', 'time', 130, 100, 30, 'slower', 1, 'old', 0, 'accepted long ago'),
                       (0, 'main', 'fp', 'history', 'error', 'Parse', 'time', 140, 100, 40, 'slower', 0, NULL, NULL, NULL);
                """;
            insert.ExecuteNonQuery();
        }

        using var store = temp.Open();

        store.SchemaVersion.ShouldBe(MigrationRunner.LatestVersion);
        var alerts = store.GetAlerts(AlertFilter.All).OrderBy(a => a.Id).ToList();
        alerts[0].Acknowledged.ShouldBeTrue();
        alerts[0].Reason.ShouldBeNull();
        Acknowledgement.From(alerts[0]).ShouldNotBeNull(); // an old acknowledgement still accepts its level
        store.Acknowledge(alerts[1].Id, "ana", "noise", T0, AlertReason.FalseAlarm).ShouldBeTrue();
        var reviewed = store.GetAlerts(new AlertFilter { Id = alerts[1].Id }).Single();
        reviewed.Reason.ShouldBe(AlertReason.FalseAlarm);
        Acknowledgement.From(reviewed).ShouldBeNull(); // a false alarm accepts no level
        Should.Throw<SqliteException>(() => temp.Scalar($"UPDATE alerts SET acknowledgement_reason = 'noise' WHERE id = {alerts[1].Id}; SELECT 0"))
            .Message.ShouldContain("CHECK");
    }

    [Theory]
    [InlineData(AlertReason.Real, true)]
    [InlineData(AlertReason.Expected, true)]
    [InlineData(AlertReason.FalseAlarm, false)]
    [InlineData(AlertReason.Environment, false)]
    public void Only_real_and_expected_acknowledgements_accept_a_level(AlertReason reason, bool accepts)
    {
        AlertReasons.AcceptsLevel(reason).ShouldBe(accepts);
        AlertReasons.Parse(AlertReasons.Name(reason)).ShouldBe(reason);
    }
}
