using System.Globalization;
using Npgsql;

namespace PerfGate.Core.History.Postgres;

/// <summary>
/// A PostgreSQL history's address, parsed from what the user gave: a keyword connection string (<c>Host=…;Database=…</c>)
/// or a URI (<c>postgres://user:password@host:port/database?sslmode=require</c>). <see cref="Display"/> names it without
/// the password for every message; <see cref="Mask"/> removes the password from any text.
/// </summary>
public sealed class PostgresLocation
{
    private readonly string? _password;

    private PostgresLocation(NpgsqlConnectionStringBuilder builder)
    {
        _password = string.IsNullOrEmpty(builder.Password) ? null : builder.Password;
        ConnectionString = builder.ConnectionString;
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        Display = string.Create(CultureInfo.InvariantCulture, $"postgresql://{user}{host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>The connection string for Npgsql (holds the password: never print it).</summary>
    internal string ConnectionString { get; }

    /// <summary>The address without the password, for messages.</summary>
    public string Display { get; }

    /// <summary>True when the text names a PostgreSQL history rather than a SQLite file.</summary>
    public static bool IsConnectionString(string? text) =>
        text is not null
        && (text.TrimStart().StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            || text.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase));

    /// <exception cref="HistoryException">The text is not a usable connection string; the message never repeats a value from it.</exception>
    public static PostgresLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        try
        {
            var builder = trimmed.Contains("://", StringComparison.Ordinal) ? FromUri(trimmed) : new NpgsqlConnectionStringBuilder(trimmed);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new HistoryException("postgresql", HistoryFailure.CannotOpen, "the PostgreSQL connection string names no host (Host=…).");
            }

            if (string.IsNullOrWhiteSpace(builder.Database))
            {
                throw new HistoryException("postgresql", HistoryFailure.CannotOpen, "the PostgreSQL connection string names no database (Database=…).");
            }

            // Npgsql keeps the password out of NpgsqlConnection.ConnectionString with this off (its default): say it anyway.
            builder.PersistSecurityInfo = false;
            return new PostgresLocation(builder);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or UriFormatException or InvalidOperationException)
        {
            // Npgsql's and Uri's messages may quote the text, password included: name the problem without them.
            throw new HistoryException("postgresql", HistoryFailure.CannotOpen,
                "the PostgreSQL connection string cannot be read (expected 'Host=…;Port=…;Database=…;Username=…;Password=…' "
                + "or 'postgres://user:password@host:port/database'); check its keywords and values.");
        }
    }

    /// <summary>The text with the password (raw and URL-encoded) replaced by <c>***</c>.</summary>
    public string Mask(string text)
    {
        if (_password is null || string.IsNullOrEmpty(text))
        {
            return text;
        }

        return text.Replace(_password, "***", StringComparison.Ordinal)
            .Replace(Uri.EscapeDataString(_password), "***", StringComparison.Ordinal);
    }

    private static NpgsqlConnectionStringBuilder FromUri(string text)
    {
        var uri = new Uri(text);
        if (uri.Scheme is not ("postgres" or "postgresql"))
        {
            throw new FormatException("not a postgres URI");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        builder.Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            builder[key switch
            {
                "sslmode" => "SSL Mode",
                "application_name" => "Application Name",
                "connect_timeout" => "Timeout",
                _ => key,
            }] = value;
        }

        return builder;
    }
}
