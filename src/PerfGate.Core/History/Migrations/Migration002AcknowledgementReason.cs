namespace PerfGate.Core.History.Migrations;

/// <summary>
/// Why an alert was acknowledged (<see cref="AlertReason"/>): one nullable column on <c>alerts</c>,
/// <c>acknowledgement_reason</c> = 'real' | 'expected' | 'false-alarm' | 'environment'; NULL for alerts not acknowledged
/// and for acknowledgements recorded before this migration (counted as unexplained in the alert-quality report).
/// </summary>
internal static class Migration002AcknowledgementReason
{
    public static Migration Instance { get; } = new(2, "acknowledgement reason", Sql);

    private const string Sql = """
        ALTER TABLE alerts ADD COLUMN acknowledgement_reason TEXT
            CHECK (acknowledgement_reason IS NULL OR acknowledgement_reason IN ('real', 'expected', 'false-alarm', 'environment'));
        """;
}
