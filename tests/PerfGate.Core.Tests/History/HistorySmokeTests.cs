using Microsoft.Data.Sqlite;

namespace PerfGate.Core.Tests.History;

public sealed class HistorySmokeTests
{
    [Fact]
    public void Sqlite_opens_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".db");
        using (var c = new SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "select sqlite_version()";
            Console.WriteLine(cmd.ExecuteScalar());
        }
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
