using System.Diagnostics;
using PerfGate.Sample.Configuration;
using PerfGate.Sample.Services;

namespace PerfGate.Sample.Startup;

/// <summary>
/// The application's startup path (APP-001): load the configuration, build the process-wide container,
/// warm the rule cache.
/// </summary>
public sealed class SampleApplication
{
    private SampleApplication(ServiceContainer container, StartupReport report)
    {
        Container = container;
        Report = report;
    }

    public ServiceContainer Container { get; }

    public StartupReport Report { get; }

    /// <param name="configurationFile">A configuration file; null reads the shipped <c>perfgate-sample.json</c> (or defaults).</param>
    public static SampleApplication Start(string? configurationFile = null)
    {
        var total = Stopwatch.StartNew();
        var configuration = configurationFile is null ? ConfigurationLoader.LoadDefault() : ConfigurationLoader.Load(configurationFile);
        var configurationTime = total.Elapsed;
        return Continue(configuration, configurationFile ?? ConfigurationLoader.DefaultFileName, total, configurationTime);
    }

    /// <summary>Starts with a configuration already in hand (tests, embedding hosts).</summary>
    public static SampleApplication Start(SampleConfiguration configuration) =>
        Continue(configuration, "(in memory)", Stopwatch.StartNew(), TimeSpan.Zero);

    private static SampleApplication Continue(SampleConfiguration configuration, string source, Stopwatch total, TimeSpan configurationTime)
    {
        var container = ContainerAccessor.Get(configuration);
        var containerTime = total.Elapsed - configurationTime;

        var rules = container.RuleCache.Get(configuration.RulesDirectory);
        var warmUpTime = total.Elapsed - configurationTime - containerTime;

        var report = new StartupReport(source, configurationTime, containerTime, warmUpTime, total.Elapsed,
            rules.Count, ContainerAccessor.Constructions, container.Constructions.Snapshot());
        return new SampleApplication(container, report);
    }
}
