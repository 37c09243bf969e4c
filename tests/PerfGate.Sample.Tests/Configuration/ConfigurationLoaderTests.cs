using System.Text;
using PerfGate.Sample.Configuration;

namespace PerfGate.Sample.Tests.Configuration;

public sealed class ConfigurationLoaderTests
{
    [Fact]
    public void The_shipped_file_resolves_to_the_shipped_data()
    {
        var configuration = ConfigurationLoader.LoadDefault();

        configuration.ShouldBe(TestData.Configuration with { PromptCacheCapacity = 256, MaxDegreeOfParallelism = 2, SaveThreshold = 0.75 });
        Directory.Exists(configuration.RulesDirectory).ShouldBeTrue();
        File.Exists(configuration.DefinitionsFile).ShouldBeTrue();
    }

    [Fact]
    public void Relative_directories_are_resolved_against_the_file_and_missing_settings_default()
    {
        var json = """{ "rulesDirectory": "my-rules", "serviceLoading": "Eager" }""";

        var configuration = ConfigurationLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "/srv/app");

        configuration.RulesDirectory.ShouldBe("/srv/app/my-rules");
        configuration.DataDirectory.ShouldBe("/srv/app/Data");
        configuration.ServiceLoading.ShouldBe(ServiceLoading.Eager);
        configuration.PromptCacheCapacity.ShouldBe(256);
    }

    [Theory]
    [InlineData("""{ "promptCacheCapacity": 0 }""", "PromptCacheCapacity")]
    [InlineData("""{ "maxDegreeOfParallelism": 0 }""", "MaxDegreeOfParallelism")]
    [InlineData("""{ "saveThreshold": 1.5 }""", "SaveThreshold")]
    public void Impossible_settings_are_rejected_by_name(string json, string setting) =>
        Should.Throw<ArgumentOutOfRangeException>(() => ConfigurationLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "/srv"))
            .ParamName.ShouldBe(setting);
}
