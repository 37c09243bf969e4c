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

    [GeneratedRegex(@"^Job-[A-Z0-9]{6}(?:\((?<props>.*)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedId();
}
