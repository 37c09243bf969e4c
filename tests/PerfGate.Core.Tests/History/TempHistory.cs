using Microsoft.Data.Sqlite;
using PerfGate.Core.History;

namespace PerfGate.Core.Tests.History;

/// <summary>A temp folder holding real SQLite files; deleted (with pooled handles released) at the end of the test.</summary>
internal sealed class TempHistory : IDisposable
{
    public TempHistory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "perfgate-history-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    /// <summary>Not created: the store creates <c>.perfgate/</c> and the file.</summary>
    public string DbPath => Path.Combine(Folder, ".perfgate", "history.db");

    public SqliteHistoryStore Open(SqliteHistoryOptions? options = null) => new(DbPath, options);

    /// <summary>A raw connection for checking what the store wrote, outside its API.</summary>
    public long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            foreach (var file in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
