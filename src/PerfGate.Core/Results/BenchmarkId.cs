namespace PerfGate.Core.Results;

/// <summary>
/// The stable identity of one benchmark case: the namespace-qualified type, the method, the parameters and
/// the job. <see cref="Key"/> is what the baseline, the history and the verdict use to match results across runs.
/// </summary>
/// <remarks>
/// BenchmarkDotNet's <c>FullName</c> alone repeats across jobs and runtimes in one file, and the job ids it
/// generates for anonymous jobs (<c>Job-PYMLEY</c>) are random per run, so the job part is the job's
/// characteristics with any generated id removed (see <c>JobName.Normalize</c> in the ingest).
/// </remarks>
public sealed record BenchmarkId
{
    public BenchmarkId(string type, string method, string parameters = "", string job = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        Type = type;
        Method = method;
        Parameters = parameters ?? "";
        Job = job ?? "";
    }

    /// <summary>Namespace-qualified type name, e.g. <c>PerfGate.Benchmarks.ValidationBenchmarks</c>; nested types use '+'.</summary>
    public string Type { get; }

    public string Method { get; }

    /// <summary>Canonical parameters: <c>name=value</c> pairs sorted by name, joined with ", " (empty when none).</summary>
    public string Parameters { get; }

    /// <summary>Canonical job: characteristics such as <c>LaunchCount=3, Runtime=.NET 10.0</c>, or a named job such as <c>ShortRun</c>; empty for the default job.</summary>
    public string Job { get; }

    /// <summary>The one-line key: <c>Type.Method(Parameters) [Job]</c>, parts omitted when empty.</summary>
    public string Key
    {
        get
        {
            var key = Parameters.Length == 0 ? $"{Type}.{Method}" : $"{Type}.{Method}({Parameters})";
            return Job.Length == 0 ? key : $"{key} [{Job}]";
        }
    }

    /// <summary>A shorter name for people: the type without its namespace.</summary>
    public string DisplayName
    {
        get
        {
            var lastDot = Type.LastIndexOf('.');
            var type = lastDot >= 0 ? Type[(lastDot + 1)..] : Type;
            var name = Parameters.Length == 0 ? $"{type}.{Method}" : $"{type}.{Method}({Parameters})";
            return Job.Length == 0 ? name : $"{name} [{Job}]";
        }
    }

    public override string ToString() => Key;
}
