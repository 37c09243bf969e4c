using System.Collections.Immutable;
using System.Text.Json;

namespace PerfGate.Sample.Definitions;

/// <summary>Reads the shipped sample definitions (<c>Data/definitions.json</c>).</summary>
public static class SampleDefinitions
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static ImmutableArray<SampleDefinition> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var file = JsonSerializer.Deserialize<DefinitionsFile>(stream, Options)
            ?? throw new InvalidDataException($"'{path}' is empty.");
        return file.Definitions;
    }

    private sealed record DefinitionsFile(ImmutableArray<SampleDefinition> Definitions);
}
