using System.Collections.Immutable;
using System.Globalization;
using PerfGate.Core.Configuration;

namespace PerfGate.Benchmarks.Budgets;

/// <summary>A time figure with a Tier 1 budget in <c>perfgate.json</c>: the seeds' id and the benchmark glob that measures it.</summary>
public sealed record BudgetedFigure(string Id, string Name, string Benchmark);

/// <summary>One benchmark's time in one unchanged run: the estimate Tier 1 judges (geometric mean of the launch medians), in ns.</summary>
public sealed record RunTime(string Run, string Machine, string BenchmarkKey, double Nanoseconds);

/// <summary>What the data says about one budgeted figure, and the budget derived from it.</summary>
public sealed record DerivedBudget(
    BudgetedFigure Figure,
    int Runs,
    int Machines,
    double Minimum,
    double Median,
    double Maximum,
    string SlowestRun,
    double Target,
    double Warning,
    double Error);

/// <summary>
/// Derives the time budgets from unchanged runs (pure): for each budgeted figure, the slowest estimate seen over every
/// run on every machine is the target; the warning level is 1.5× it and the error level <c>headroom</c>× it (2 by
/// default), each rounded up to two significant digits. So unchanged code on any machine seen passes, and a slowdown
/// fails once it makes the figure <c>headroom</c> times slower than the slowest unchanged run.
/// </summary>
public static class BudgetDerivation
{
    public const double DefaultHeadroom = 2.0;

    public const double WarningFactor = 1.5;

    /// <summary>The budgeted time figures: the seeds' ids this port measures with a benchmark.</summary>
    public static ImmutableArray<BudgetedFigure> Figures { get; } =
    [
        new("APP-001", "application startup", "*StartupBenchmarks.Start*"),
        new("SVC-002", "service initialisation (container, lazy services)", "*ContainerBenchmarks.BuildLazy*"),
        new("VAL-001", "single validation", "*.ValidationBenchmarks.ValidateOneDefinition*"),
        new("VAL-002", "rule loading", "*RuleLoadingBenchmarks.LoadColdFromDisk*"),
        new("EXP-001", "export to file", "*ExportBenchmarks.ExportToFile*"),
    ];

    public static ImmutableArray<DerivedBudget> Derive(IReadOnlyCollection<RunTime> times, double headroom = DefaultHeadroom)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (!(headroom > WarningFactor) || !double.IsFinite(headroom))
        {
            throw new ArgumentOutOfRangeException(nameof(headroom), headroom, $"the headroom must be a number above the warning factor {WarningFactor}");
        }

        var budgets = ImmutableArray.CreateBuilder<DerivedBudget>();
        foreach (var figure in Figures)
        {
            var seen = times.Where(t => Glob.IsMatch(figure.Benchmark, t.BenchmarkKey) && t.Nanoseconds > 0 && double.IsFinite(t.Nanoseconds))
                .OrderBy(t => t.Nanoseconds)
                .ToList();
            if (seen.Count == 0)
            {
                continue;
            }

            var slowest = seen[^1];
            var middle = seen.Count / 2;
            var median = seen.Count % 2 == 1 ? seen[middle].Nanoseconds : (seen[middle - 1].Nanoseconds + seen[middle].Nanoseconds) / 2;
            budgets.Add(new DerivedBudget(
                figure,
                seen.Select(t => t.Run).Distinct(StringComparer.Ordinal).Count(),
                seen.Select(t => t.Machine).Distinct(StringComparer.Ordinal).Count(),
                seen[0].Nanoseconds,
                median,
                slowest.Nanoseconds,
                slowest.Run,
                RoundUp(slowest.Nanoseconds),
                RoundUp(slowest.Nanoseconds * WarningFactor),
                RoundUp(slowest.Nanoseconds * headroom)));
        }

        return budgets.ToImmutable();
    }

    /// <summary>Up to two significant digits, rounded up: 1234 → 1300, 0.0871 → 0.088.</summary>
    public static double RoundUp(double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            return value;
        }

        var scale = Math.Pow(10, Math.Floor(Math.Log10(value)) - 1);
        var digits = Math.Ceiling(value / scale - 1e-9);
        return double.Parse((digits * scale).ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>A time as perfgate.json writes it: <c>"1.3ms"</c>, <c>"88us"</c>, <c>"950ns"</c>, <c>"2.5s"</c>.</summary>
    public static string Quantity(double nanoseconds)
    {
        (double Factor, string Unit) unit = nanoseconds switch
        {
            >= 1e9 => (1e9, "s"),
            >= 1e6 => (1e6, "ms"),
            >= 1e3 => (1e3, "us"),
            _ => (1, "ns"),
        };
        return (nanoseconds / unit.Factor).ToString("0.###", CultureInfo.InvariantCulture) + unit.Unit;
    }
}
