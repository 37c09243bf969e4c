using System.Collections.Immutable;

namespace PerfGate.Sample.Startup;

/// <summary>What startup did and how long each phase took (APP-001 is <see cref="Total"/>).</summary>
public sealed record StartupReport(
    string ConfigurationSource,
    TimeSpan ConfigurationTime,
    TimeSpan ContainerTime,
    TimeSpan RuleWarmUpTime,
    TimeSpan Total,
    int RulesLoaded,
    int ContainerConstructions,
    ImmutableSortedDictionary<string, int> ServicesConstructed);
