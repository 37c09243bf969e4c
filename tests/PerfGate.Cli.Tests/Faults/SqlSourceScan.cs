using System.Text.RegularExpressions;

namespace PerfGate.Cli.Tests.Faults;

/// <summary>
/// A deliberately simple scan of C# source for SQL built from non-constant text. It flags:
/// (1) an interpolated string that looks like SQL with a hole other than <see cref="AllowedHoles"/> (constants);
/// (2) a SQL-looking literal joined with <c>+</c> to something that is not a literal, unless the literal is in the
///     reviewed <see cref="AllowedFragments"/>; (3) <c>string.Format</c>/<c>string.Concat</c> over SQL;
/// (4) <c>CommandText = x</c> where x is neither a literal, a choice between literals, nor a reviewed expression.
/// It reads text, not syntax, so it can be fooled on purpose; it is meant to catch the honest mistake.
/// </summary>
internal static partial class SqlSourceScan
{
    /// <summary>Holes allowed in SQL-looking interpolated strings: compile-time constants only.</summary>
    private static readonly HashSet<string> AllowedHoles = new(StringComparer.Ordinal)
    {
        "RunColumns", // SqliteHistoryStore.Queries.cs: private const string, the runs columns
    };

    /// <summary>Reviewed SQL literals that are joined with a non-literal: (file, literal as written).</summary>
    private static readonly HashSet<(string File, string Literal)> AllowedFragments =
    [
        // PRAGMAs take no parameters; the number is the store's own TimeSpan option formatted as an integer.
        ("src/PerfGate.Core/History/SqliteHistoryStore.cs", "\"PRAGMA busy_timeout = \""),
        ("src/PerfGate.Core/History/SqliteHistoryStore.cs", "\"; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;\""),
        // PRAGMA user_version takes no parameter; the number is the migration's own integer constant.
        ("src/PerfGate.Core/History/Migrations/MigrationRunner.cs", "\"INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $at); PRAGMA user_version = \""),
    ];

    /// <summary>Reviewed non-literal CommandText values: (file, expression).</summary>
    private static readonly HashSet<(string File, string Expression)> AllowedCommandTexts =
    [
        ("src/PerfGate.Core/History/SqliteHistoryStore.Alerts.cs", "sql.ToString()"), // a StringBuilder of constant fragments (checked by rule 1)
        ("src/PerfGate.Core/History/SqliteHistoryStore.Alerts.cs", "AcknowledgedAlertsQuery"), // a const: AlertColumns + a literal
        ("src/PerfGate.Core/History/Postgres/PostgresHistoryStore.Alerts.cs", "sql.ToString()"), // as SQLite's: constant fragments, values as parameters
        ("src/PerfGate.Core/History/SqliteHistoryStore.Prune.cs", "sql"),            // Run(connection, sql, …): every caller passes a literal
        ("src/PerfGate.Core/History/SqliteHistoryStore.Prune.cs", "MergeAggregateSql"),    // a const literal, values as parameters
        ("src/PerfGate.Core/History/SqliteHistoryStore.Transfer.cs", "MergeAggregateSql"), // the same const (retention's merge)
        ("src/PerfGate.Core/History/Migrations/MigrationRunner.cs", "migration.Sql"), // the migrations' own constant scripts
    ];

    public static IReadOnlyList<string> Scan(string file, string source)
    {
        var findings = new List<string>();
        string Where(int index) => $"{file}:{source[..index].Count(c => c == '\n') + 1}";

        // (1) Interpolated strings: raw ($"""…"""), verbatim ($@"…", @$"…") and regular ($"…").
        foreach (Match m in InterpolatedString().Matches(source))
        {
            var content = m.Groups["raw"].Success ? m.Groups["raw"].Value : m.Groups["verbatim"].Success ? m.Groups["verbatim"].Value : m.Groups["regular"].Value;
            var holes = Hole().Matches(content.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
                .Select(h => h.Groups[1].Value.Trim())
                .ToList();
            if (holes.Count > 0 && LooksLikeSql(Hole().Replace(content, "X")) && holes.Any(h => !AllowedHoles.Contains(h)))
            {
                findings.Add($"{Where(m.Index)}: SQL built by interpolation of {string.Join(", ", holes.Where(h => !AllowedHoles.Contains(h)))}: {Flat(m.Value)}");
            }
        }

        // (2) A SQL literal joined with + to something that is not a literal.
        foreach (Match m in LiteralThenPlus().Matches(source).Concat(PlusThenLiteral().Matches(source)))
        {
            var literal = m.Groups["literal"].Value;
            if (LooksLikeSql(literal) && !AllowedFragments.Contains((file, literal)))
            {
                findings.Add($"{Where(m.Index)}: SQL built by concatenation: {Flat(m.Value)}");
            }
        }

        // (3) string.Format / string.Concat over SQL.
        foreach (Match m in FormatCall().Matches(source))
        {
            if (LooksLikeSql(m.Groups["literal"].Value))
            {
                findings.Add($"{Where(m.Index)}: SQL built by string.{m.Groups["call"].Value}: {Flat(m.Value)}");
            }
        }

        // (4) CommandText from something other than literals.
        foreach (Match m in CommandTextAssignment().Matches(source))
        {
            var rest = source[(m.Index + m.Length)..];
            if (StartsWithLiteral(rest))
            {
                continue;
            }

            var end = rest.IndexOf(';', StringComparison.Ordinal);
            var expression = (end < 0 ? rest : rest[..end]).Trim();
            var question = expression.IndexOf('?', StringComparison.Ordinal);
            if (question >= 0 && StartsWithLiteral(expression[(question + 1)..].TrimStart()))
            {
                continue; // cond ? "…" : "…" (the branches are literals; rule 1 checks interpolated ones)
            }

            if (!AllowedCommandTexts.Contains((file, expression)))
            {
                findings.Add($"{Where(m.Index)}: CommandText set from a non-literal expression '{Flat(expression)}'");
            }
        }

        return findings;
    }

    /// <summary>SQL statement shapes, upper-case as this code base writes them (messages do not match).</summary>
    public static bool LooksLikeSql(string text) => SqlShape().IsMatch(text);

    private static bool StartsWithLiteral(string text)
    {
        var t = text.TrimStart();
        return t.StartsWith('"') || t.StartsWith("$\"", StringComparison.Ordinal) || t.StartsWith("@\"", StringComparison.Ordinal)
               || t.StartsWith("$@\"", StringComparison.Ordinal) || t.StartsWith("@$\"", StringComparison.Ordinal) || t.StartsWith("$$\"", StringComparison.Ordinal);
    }

    private static string Flat(string text)
    {
        var flat = Regex.Replace(text, @"\s+", " ");
        return flat.Length > 160 ? flat[..160] + "…" : flat;
    }

    [GeneratedRegex(@"\b(SELECT\b[\s\S]*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b|\bWHERE\b|PRAGMA\s|CREATE\s+(TABLE|INDEX|VIEW)\b|DROP\s+(TABLE|INDEX)\b|\bAND\s+\w+\s*(=|<|>|IN\b|IS\b|LIKE\b))")]
    private static partial Regex SqlShape();

    [GeneratedRegex(@"\$+""""""(?<raw>[\s\S]*?)""""""|(?:\$@|@\$)""(?<verbatim>(?:[^""]|"""")*)""|\$""(?<regular>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex InterpolatedString();

    [GeneratedRegex(@"(?<!\{)\{([^{}:,]+)(?:[,:][^{}]*)?\}(?!\})")]
    private static partial Regex Hole();

    [GeneratedRegex(@"(?<![\$@""])(?<literal>""(?:[^""\\\n]|\\.)*"")\s*\+\s*(?![\s""$@])")]
    private static partial Regex LiteralThenPlus();

    [GeneratedRegex(@"[\w\)\]]\s*\+\s*(?<literal>""(?:[^""\\\n]|\\.)*"")")]
    private static partial Regex PlusThenLiteral();

    [GeneratedRegex(@"string\.(?<call>Format|Concat)\s*\(\s*(?:CultureInfo\.\w+\s*,\s*)?(?<literal>""(?:[^""\\\n]|\\.)*"")")]
    private static partial Regex FormatCall();

    [GeneratedRegex(@"\bCommandText\s*=\s*")]
    private static partial Regex CommandTextAssignment();
}
