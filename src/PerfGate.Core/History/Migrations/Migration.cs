namespace PerfGate.Core.History.Migrations;

/// <summary>
/// One schema step: a numbered SQL script applied in its own transaction and recorded in <c>schema_version</c>
/// and <c>PRAGMA user_version</c>. Never edit a released migration; add the next number.
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql);
