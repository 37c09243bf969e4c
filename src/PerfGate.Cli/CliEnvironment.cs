using System.Collections;

namespace PerfGate.Cli;

/// <summary>
/// What a command may touch outside its arguments: its output and error writers, the environment variables,
/// the working directory and the clock. Tests pass their own; <see cref="FromProcess"/> is the real one.
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string?> Variables,
    string WorkingDirectory,
    TimeProvider Clock)
{
    public static CliEnvironment FromProcess() => new(
        Console.Out,
        Console.Error,
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal),
        Directory.GetCurrentDirectory(),
        TimeProvider.System)
    {
        IsTerminal = !Console.IsOutputRedirected,
        IsErrorTerminal = !Console.IsErrorRedirected,
    };

    /// <summary>True when the output is a terminal: tables are drawn for people; otherwise they are plain text.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>True when the error stream is a terminal: long work shows progress there.</summary>
    public bool IsErrorTerminal { get; init; }

    /// <summary>Cancelled to interrupt long work (<c>perfgate ab</c>) as Ctrl+C would; tests use it, the real process also listens for SIGINT/SIGTERM.</summary>
    public CancellationToken Cancellation { get; init; }

    public string? Get(string name) => Variables.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>A path relative to <see cref="WorkingDirectory"/> made absolute.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
