using System.Text.RegularExpressions;

namespace PerfGate.Core.Results;

/// <summary>
/// Turns BenchmarkDotNet's job display text into PerfGate's canonical job. BenchmarkDotNet writes a job as
/// <c>Id(characteristics)</c> or just <c>Id</c> (<c>Jobs/Job.cs</c>, <c>DisplayInfo</c>); a job without an explicit id
/// gets a generated <c>Job-XXXXXX</c> id that changes from run to run (<c>JobIdGenerator</c> seeds it with a
/// per-process string hash), so that id is dropped and the characteristics kept. The default job is "".
/// </summary>
internal static partial class JobName
{
    public static string Normalize(string jobDisplayInfo)
    {
        var job = jobDisplayInfo.Trim();
        if (job.Length == 0 || job == "DefaultJob")
        {
            return "";
        }

        var generated = GeneratedId().Match(job);
        return generated.Success ? generated.Groups["props"].Value : job;
    }

    /// <summary>
    /// Extracts the job from a benchmark's <c>DisplayInfo</c>, which is
    /// <c>Type.MethodTitle: JobDisplayInfo [p1=v1, p2=v2]</c> (<c>Running/BenchmarkCase.cs</c>).
    /// </summary>
    public static string FromDisplayInfo(string? displayInfo, string methodTitle, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (string.IsNullOrEmpty(displayInfo))
        {
            return "";
        }

        var marker = "." + methodTitle + ": ";
        var at = displayInfo.IndexOf(marker, StringComparison.Ordinal);
        int start;
        if (at >= 0)
        {
            start = at + marker.Length;
        }
        else
        {
            at = displayInfo.IndexOf(": ", StringComparison.Ordinal);
            if (at < 0)
            {
                return "";
            }

            start = at + 2;
        }

        var rest = displayInfo[start..];
        if (parameters.Count > 0)
        {
            // ParameterInstances.DisplayInfo: "[" + "name=value" joined with ", " + "]", the same values as PrintInfo.
            var suffix = " [" + string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}")) + "]";
            if (rest.EndsWith(suffix, StringComparison.Ordinal))
            {
                return Normalize(rest[..^suffix.Length]);
            }
        }

        return Normalize(LeadingJob(rest));
    }

    /// <summary>The job token at the start of <paramref name="text"/>: an id, with its balanced "(...)" if any.</summary>
    private static string LeadingJob(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
                if (depth == 0)
                {
                    return text[..(i + 1)];
                }
            }
            else if (c == ' ' && depth == 0)
            {
                return text[..i];
            }
        }

        return text;
    }

    /// <summary>
    /// BenchmarkDotNet's run and accuracy characteristics (<c>Jobs/RunMode.cs</c>, <c>Jobs/AccuracyMode.cs</c>): they
    /// decide how long and how precisely a benchmark is measured, not what is measured, so the same benchmark measured
    /// by a quick local job and by a three-launch CI job is one benchmark. <c>RunStrategy</c>, the runtime, the JIT,
    /// GC settings, environment variables and the toolchain stay in the identity, except BenchmarkDotNet's in-process
    /// toolchains (<see cref="InProcessToolchain"/>).
    /// </summary>
    private static readonly HashSet<string> AccuracyCharacteristics = new(StringComparer.Ordinal)
    {
        "LaunchCount", "WarmupCount", "IterationCount", "IterationTime", "InvocationCount", "UnrollFactor",
        "MinIterationCount", "MaxIterationCount", "MinWarmupIterationCount", "MaxWarmupIterationCount",
        "MaxRelativeError", "MaxAbsoluteError", "MinIterationTime", "MinInvokeCount", "EvaluateOverhead",
        "OutlierMode", "AnalyzeLaunchVariance",
    };

    /// <summary>
    /// <c>Toolchain=InProcessEmitToolchain</c> (<c>--inProcess</c>) and <c>InProcessNoEmitToolchain</c> measure the same
    /// code as the default out-of-process toolchain, only inside the host process, with no project to generate and build:
    /// the fast A/B job uses it (one process per side per round). It is the same benchmark as the baseline's and the
    /// history's; the A/B verdict decides time against its own same-runner base anyway.
    /// </summary>
    private static bool InProcessToolchain(string characteristic)
    {
        var parts = characteristic.Split('=', 2);
        return parts.Length == 2 && parts[0].Trim() == "Toolchain" && parts[1].Trim().StartsWith("InProcess", StringComparison.Ordinal);
    }

    /// <summary>
    /// The job as identity: the characteristics that change what is measured, without the job's name and without
    /// run/accuracy settings (e.g. <c>CI(IterationCount=10, LaunchCount=3, WarmupCount=3)</c> → "",
    /// <c>Dry(IterationCount=1, LaunchCount=1, RunStrategy=ColdStart, UnrollFactor=1, WarmupCount=1)</c> → <c>RunStrategy=ColdStart</c>).
    /// </summary>
    public static string Identity(string canonicalJob)
    {
        if (canonicalJob.Length == 0)
        {
            return "";
        }

        var open = canonicalJob.IndexOf('(', StringComparison.Ordinal);
        var props = open >= 0 && canonicalJob.EndsWith(')')
            ? canonicalJob[(open + 1)..^1]
            : canonicalJob.Contains('=', StringComparison.Ordinal) ? canonicalJob : "";
        var kept = SplitTopLevel(props)
            .Where(p => !AccuracyCharacteristics.Contains(p.Split('=', 2)[0].Trim()) && !InProcessToolchain(p))
            .ToList();
        return string.Join(", ", kept);
    }

    private static IEnumerable<string> SplitTopLevel(string props)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < props.Length; i++)
        {
            switch (props[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                // BenchmarkDotNet joins characteristics with ", "; a bare ',' belongs to a value (EnvironmentVariables=A=1,B=2).
                case ',' when depth == 0 && i + 1 < props.Length && props[i + 1] == ' ':
                    yield return props[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        if (props[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    [GeneratedRegex(@"^Job-[A-Z0-9]{6}(?:\((?<props>.*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedId();
}
