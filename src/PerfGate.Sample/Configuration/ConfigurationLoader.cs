using System.Text.Json;
using System.Text.Json.Serialization;

namespace PerfGate.Sample.Configuration;

/// <summary>Reads <c>perfgate-sample.json</c>; relative directories are resolved against the file's folder.</summary>
public static class ConfigurationLoader
{
    public const string DefaultFileName = "perfgate-sample.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The shipped file next to the assembly if present, otherwise <see cref="SampleConfiguration.Default"/>.</summary>
    public static SampleConfiguration LoadDefault()
    {
        var path = Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        return File.Exists(path) ? Load(path) : SampleConfiguration.Default;
    }

    public static SampleConfiguration Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, Path.GetDirectoryName(Path.GetFullPath(path)) ?? AppContext.BaseDirectory);
    }

    public static SampleConfiguration Load(Stream json, string baseDirectory)
    {
        var file = JsonSerializer.Deserialize<ConfigurationFile>(json, Options)
            ?? throw new InvalidDataException("The configuration file is empty.");
        var defaults = SampleConfiguration.ForBaseDirectory(baseDirectory);
        return new SampleConfiguration
        {
            RulesDirectory = Resolve(baseDirectory, file.RulesDirectory) ?? defaults.RulesDirectory,
            DataDirectory = Resolve(baseDirectory, file.DataDirectory) ?? defaults.DataDirectory,
            ServiceLoading = file.ServiceLoading ?? defaults.ServiceLoading,
            PromptCacheCapacity = file.PromptCacheCapacity ?? defaults.PromptCacheCapacity,
            MaxDegreeOfParallelism = file.MaxDegreeOfParallelism ?? defaults.MaxDegreeOfParallelism,
            SaveThreshold = file.SaveThreshold ?? defaults.SaveThreshold,
        }.Validated();
    }

    private static string? Resolve(string baseDirectory, string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(Path.Combine(baseDirectory, path));

    private sealed record ConfigurationFile(
        string? RulesDirectory,
        string? DataDirectory,
        ServiceLoading? ServiceLoading,
        int? PromptCacheCapacity,
        int? MaxDegreeOfParallelism,
        double? SaveThreshold);
}
