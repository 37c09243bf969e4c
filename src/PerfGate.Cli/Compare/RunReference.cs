using System.Globalization;
using PerfGate.Cli.Commands;

namespace PerfGate.Cli.Compare;

/// <summary>What kind of thing a <c>perfgate compare</c> argument names.</summary>
internal enum RunReferenceKind
{
    /// <summary>No prefix: decided by <see cref="RunResolver"/> in a documented order (docs/compare.md).</summary>
    Auto,

    /// <summary><c>#12</c> or <c>run:12</c>: a recorded run by id.</summary>
    RunId,

    /// <summary><c>commit:abc123</c>: the newest recorded run of a commit, by hex prefix (at least 4 digits).</summary>
    Commit,

    /// <summary><c>branch:main</c>: the newest recorded run on a branch.</summary>
    Branch,

    /// <summary><c>path:results/</c>: BenchmarkDotNet results or a baseline file/folder on disk.</summary>
    Path,
}

/// <summary>
/// One side of a comparison as the user wrote it. Explicit prefixes (<c>run:</c>, <c>#</c>, <c>commit:</c>,
/// <c>branch:</c>, <c>path:</c>) always win; anything else is <see cref="RunReferenceKind.Auto"/>.
/// </summary>
internal sealed record RunReference(RunReferenceKind Kind, string Value, string Text)
{
    public const int MinimumCommitPrefix = 4;

    public static RunReference Parse(string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new UsageException("an empty run reference; give a run id (#12), a commit, a branch or a results path");
        }

        if (trimmed.StartsWith('#'))
        {
            return RunId(trimmed[1..], trimmed);
        }

        foreach (var (prefix, kind) in Prefixes)
        {
            if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var value = trimmed[prefix.Length..].Trim();
                if (value.Length == 0)
                {
                    throw new UsageException($"'{trimmed}': nothing after '{prefix}'");
                }

                return kind switch
                {
                    RunReferenceKind.RunId => RunId(value, trimmed),
                    RunReferenceKind.Commit when !IsCommitPrefix(value) =>
                        throw new UsageException($"'{trimmed}': a commit is at least {MinimumCommitPrefix} hex digits"),
                    _ => new RunReference(kind, value, trimmed),
                };
            }
        }

        return new RunReference(RunReferenceKind.Auto, trimmed, trimmed);
    }

    /// <summary>The run id when the value is all digits (a bare <c>12</c> may still turn out to be a commit prefix).</summary>
    public long? AsRunId => long.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>At least <see cref="MinimumCommitPrefix"/> and at most 40 hex digits.</summary>
    public static bool IsCommitPrefix(string value) =>
        value.Length is >= MinimumCommitPrefix and <= 40 && value.All(char.IsAsciiHexDigit);

    private static readonly (string Prefix, RunReferenceKind Kind)[] Prefixes =
    [
        ("run:", RunReferenceKind.RunId),
        ("commit:", RunReferenceKind.Commit),
        ("branch:", RunReferenceKind.Branch),
        ("path:", RunReferenceKind.Path),
    ];

    private static RunReference RunId(string value, string text)
    {
        var reference = new RunReference(RunReferenceKind.RunId, value, text);
        return reference.AsRunId is null
            ? throw new UsageException($"'{text}': a run id is a positive whole number")
            : reference;
    }
}
