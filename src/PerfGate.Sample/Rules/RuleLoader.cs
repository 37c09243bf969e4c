using System.Text.Json;

namespace PerfGate.Sample.Rules;

/// <summary>Reads every <c>*.json</c> rule file of a directory and parses it: the cold path (VAL-002).</summary>
public static class RuleLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static RuleSet Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Rule directory '{directory}' does not exist.");
        }

        var files = Directory.GetFiles(directory, "*.json");
        Array.Sort(files, StringComparer.Ordinal);
        var rules = new List<Rule>(files.Length);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var rule = Parse(File.ReadAllText(file), Path.GetFileName(file));
            if (!seen.Add(rule.Id))
            {
                throw new InvalidDataException($"Duplicate rule id '{rule.Id}' in '{file}'.");
            }

            rules.Add(rule);
        }

        return new RuleSet(Path.GetFullPath(directory), rules);
    }

    public static Rule Parse(string json, string sourceName)
    {
        var doc = JsonSerializer.Deserialize<RuleDocument>(json, Options)
            ?? throw new InvalidDataException($"Rule file '{sourceName}' is empty.");
        if (string.IsNullOrWhiteSpace(doc.Id) || string.IsNullOrWhiteSpace(doc.Category) || string.IsNullOrWhiteSpace(doc.Name))
        {
            throw new InvalidDataException($"Rule file '{sourceName}' lacks an id, category or name.");
        }

        if (!Enum.TryParse<RuleSeverity>(doc.Severity, ignoreCase: true, out var severity))
        {
            throw new InvalidDataException($"Rule '{doc.Id}' has an unknown severity '{doc.Severity}'.");
        }

        if (doc.Weight is <= 0 or > 10)
        {
            throw new InvalidDataException($"Rule '{doc.Id}' has weight {doc.Weight}; expected (0, 10].");
        }

        return new Rule(doc.Id, doc.Category, doc.Name, doc.Description ?? string.Empty, severity, doc.Weight,
            doc.Check ?? new RuleCheck(), doc.GoodExamples, doc.BadExamples);
    }
}
