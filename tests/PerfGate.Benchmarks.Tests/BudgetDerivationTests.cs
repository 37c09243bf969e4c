using PerfGate.Benchmarks.Budgets;

namespace PerfGate.Benchmarks.Tests;

/// <summary>The budget rule itself (pure): slowest unchanged run seen on any machine × the headroom, rounded up.</summary>
public sealed class BudgetDerivationTests
{
    [Theory]
    [InlineData(1234, 1300)]
    [InlineData(1200, 1200)]
    [InlineData(0.0871, 0.088)]
    [InlineData(36_085_000, 37_000_000)]
    [InlineData(9.01, 9.1)]
    public void Levels_are_rounded_up_to_two_significant_digits(double value, double rounded) =>
        BudgetDerivation.RoundUp(value).ShouldBe(rounded);

    [Theory]
    [InlineData(73e6, "73ms")]
    [InlineData(560e3, "560us")]
    [InlineData(950, "950ns")]
    [InlineData(2.5e9, "2.5s")]
    public void Levels_are_written_as_perfgate_json_reads_them(double nanoseconds, string text)
    {
        BudgetDerivation.Quantity(nanoseconds).ShouldBe(text);
        PerfGate.Core.Configuration.QuantityConverter.Parse(text).ShouldNotBeNull().ShouldBe(nanoseconds, tolerance: nanoseconds * 1e-9);
    }

    [Fact]
    public void The_slowest_run_over_every_machine_sets_the_levels()
    {
        RunTime[] times =
        [
            new("quiet/1", "epyc", "PerfGate.Benchmarks.StartupBenchmarks.Start", 800_000),
            new("busy/1", "epyc-busy", "PerfGate.Benchmarks.StartupBenchmarks.Start", 3_000_000),
            new("busy/2", "epyc-busy", "PerfGate.Benchmarks.StartupBenchmarks.Start", 36_085_000),
            new("busy/2", "epyc-busy", "PerfGate.Benchmarks.ValidationBenchmarks.ValidateOneDefinition", 9_000),
            new("busy/2", "epyc-busy", "PerfGate.Benchmarks.BatchValidationBenchmarks.ValidateBatch(BatchSize=10)", 1e12),
        ];

        var budgets = BudgetDerivation.Derive(times).ToDictionary(b => b.Figure.Id);

        budgets.Keys.ShouldBe(["APP-001", "VAL-001"], ignoreOrder: true);
        var startup = budgets["APP-001"];
        (startup.Runs, startup.Machines, startup.Minimum, startup.Median, startup.Maximum, startup.SlowestRun)
            .ShouldBe((3, 2, 800_000d, 3_000_000d, 36_085_000d, "busy/2"));
        (startup.Target, startup.Warning, startup.Error).ShouldBe((37_000_000d, 55_000_000d, 73_000_000d));
        budgets["VAL-001"].Error.ShouldBe(18_000, "the batch benchmark is not the single validation");
        BudgetDerivation.Derive(times, headroom: 3)[0].Error.ShouldBe(110_000_000);
    }

    [Fact]
    public void A_headroom_at_or_below_the_warning_factor_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => BudgetDerivation.Derive([], headroom: 1.5));
        var error = new StringWriter();
        BudgetCommand.Run(["--headroom", "1.2", "."], TextWriter.Null, error).ShouldBe(PerfGate.Cli.ExitCodes.BadInput);
        error.ToString().ShouldContain("--headroom needs a number above 1.5");
    }

    [Fact]
    public void A_folder_that_is_not_there_is_bad_input_naming_it()
    {
        var error = new StringWriter();
        BudgetCommand.Run(["/no/such/folder"], TextWriter.Null, error).ShouldBe(PerfGate.Cli.ExitCodes.BadInput);
        error.ToString().ShouldContain("'/no/such/folder' is not a folder");
    }
}
