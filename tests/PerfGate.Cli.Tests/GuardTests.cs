using PerfGate.Cli.Commands;
using PerfGate.Core.Results;
using Shouldly;
using Xunit;

namespace PerfGate.Cli.Tests;

/// <summary>CI must tell a bug in perfgate from a verdict and from bad input: each has its own exit code and one stderr line.</summary>
public sealed class GuardTests
{
    [Fact]
    public void An_unexpected_exception_exits_3_with_one_line_and_no_stack()
    {
        using var cli = new CliRunner();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = Guard.Run(cli.Environment(output, error), verbose: false, () => throw new InvalidOperationException("the index was out of range"));

        code.ShouldBe(ExitCodes.InternalError);
        code.ShouldNotBe(ExitCodes.BadInput);
        code.ShouldNotBe(ExitCodes.Regression);
        var lines = error.ToString().TrimEnd().Split('\n');
        lines.ShouldHaveSingleItem().ShouldStartWith("perfgate: internal error (InvalidOperationException: the index was out of range)");
        lines[0].ShouldContain("--verbose shows the stack");
    }

    [Fact]
    public void With_verbose_the_stack_follows_the_line()
    {
        using var cli = new CliRunner();
        var error = new StringWriter();

        var code = Guard.Run(cli.Environment(new StringWriter(), error), verbose: true, () => throw new InvalidOperationException("boom"));

        code.ShouldBe(ExitCodes.InternalError);
        error.ToString().ShouldContain("at PerfGate.Cli.Tests.GuardTests");
    }

    [Fact]
    public void Bad_input_stays_exit_2()
    {
        using var cli = new CliRunner();
        var error = new StringWriter();

        var code = Guard.Run(cli.Environment(new StringWriter(), error), verbose: false, () => throw new ResultsFormatException("x.json", "not JSON"));

        code.ShouldBe(ExitCodes.BadInput);
        error.ToString().ShouldNotContain("internal error");
    }

    [Fact]
    public void A_missing_native_library_is_named_as_an_installation_problem_not_a_bug()
    {
        using var cli = new CliRunner();
        var error = new StringWriter();
        var missing = new DllNotFoundException("Unable to load shared library 'e_sqlite3' or one of its dependencies.\n/opt/perfgate/libe_sqlite3.so: cannot open shared object file");

        var code = Guard.Run(cli.Environment(new StringWriter(), error), verbose: false, () => throw new TypeInitializationException("SQLitePCL.raw", missing));

        code.ShouldBe(ExitCodes.InternalError);
        var line = error.ToString().TrimEnd().Split('\n').ShouldHaveSingleItem();
        line.ShouldContain("Unable to load shared library 'e_sqlite3'");
        line.ShouldContain("needs libe_sqlite3 (SQLite) beside it");
        line.ShouldNotContain("internal error");
    }
}
