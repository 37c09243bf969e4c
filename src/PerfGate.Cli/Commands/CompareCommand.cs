using System.CommandLine;
using PerfGate.Cli.Compare;
using PerfGate.Cli.Output;
using PerfGate.Core;
using PerfGate.Core.History;
using PerfGate.Core.Rendering;
using PerfGate.Core.Rules;
using PerfGate.Core.Verdicts;

namespace PerfGate.Cli.Commands;

/// <summary>
/// <c>perfgate compare &lt;A&gt; &lt;B&gt;</c>: judges B against A with the gate itself (A as the baseline, no history), so the
/// numbers are the ones <c>check</c> would use. Informational: exit code 0 unless <c>--fail-on-regression</c> is given
/// and the gate would fail B (then 1). See docs/compare.md.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliEnvironment env)
    {
        var a = new Argument<string>("A") { Description = "The reference: a run id (#12, run:12), a commit (prefix ≥ 4 hex digits, commit:abc1), a branch (its newest run, branch:main) or a results/baseline file or folder." };
        var b = new Argument<string>("B") { Description = "What is judged against A, in the same forms." };
        var history = CommonOptions.History(env);
        var config = new Option<string?>("--config") { Description = "perfgate.json with thresholds (default: ./perfgate.json when present)." };
        var format = CommonOptions.Format();
        var markdown = new Option<string?>("--markdown") { Description = "Also write the gate's markdown report of B against A to this file." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit with 1 when the gate would fail B against A (default: always 0, compare is informational)." };
        var verbose = CommonOptions.Verbose();
        var command = new Command("compare", "Compare two runs (recorded runs, commits, branches or results on disk) with the gate's statistics.")
        {
            a, b, history, config, format, markdown, failOnRegression, verbose,
        };
        command.SetAction(parse => Guard.Run(env, parse.GetValue(verbose), () =>
        {
            var location = parse.GetValue(history)!;
            var historyPath = HistoryAccess.Describe(env, location);
            IHistoryOperations? store = null;
            try
            {
                var resolver = new RunResolver(env, () => store = HistoryAccess.Open(env, location, createIfMissing: false), historyPath);
                var (referenceA, referenceB) = (RunReference.Parse(parse.GetValue(a)!), RunReference.Parse(parse.GetValue(b)!));
                // The two sides and the configuration are independent reads: B and the configuration are read on other
                // threads while this one reads A. Failures are reported in the order A, B, configuration, as before.
                var configured = Task.Run(() => CheckCommand.LoadOptions(parse.GetValue(config), env));
                var resolvedB = Task.Run(() => resolver.Resolve(referenceB));
                ResolvedRun left;
                try
                {
                    left = resolver.Resolve(referenceA);
                    StageTimings.Mark("read-a");
                }
                finally
                {
                    // Nothing may still read the history when it is disposed (WaitAny does not throw a task's failure).
                    Task.WaitAny(resolvedB);
                    Task.WaitAny(configured);
                }

                var right = resolvedB.GetAwaiter().GetResult();
                var options = configured.GetAwaiter().GetResult();
                StageTimings.Mark("read-b-config");
                var verdict = Gate.Evaluate(new GateInput
                {
                    Current = right.Run,
                    Baseline = left.Run,
                    Options = options,
                    HeadCommit = right.Run.Commit,
                    HeadBranch = right.Run.Branch,
                });
                StageTimings.Mark("gate");

                Write(left, right, verdict, parse.GetValue(format), env);
                StageTimings.Mark("render");
                if (parse.GetValue(markdown) is { } markdownPath)
                {
                    AtomicFile.WriteText(env.Resolve(markdownPath), MarkdownReport.Render(verdict, MarkdownOptions.Full));
                }

                return parse.GetValue(failOnRegression) && !verdict.Passed ? ExitCodes.Regression : ExitCodes.Pass;
            }
            finally
            {
                store?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>The comparison table: one row per benchmark in the gate's report order (failing first).</summary>
    internal static Table Rows(Verdict verdict)
    {
        var table = new Table(
            "B against A",
            Column.Text("Benchmark", "benchmark"),
            Column.Number("A", "a"),
            Column.Number("B", "b"),
            Column.Number("Change", "changePercent"),
            Column.Number("95% CI from", "changeLowerPercent"),
            Column.Number("to", "changeUpperPercent"),
            Column.Text("Verdict", "verdict"),
            Column.Text("Severity", "severity"),
            Column.Text("Fails", "fails"),
            Column.Number("Alloc A", "allocatedA"),
            Column.Number("Alloc B", "allocatedB"),
            Column.Number("Alloc change", "allocatedChangePercent"));
        foreach (var v in verdict.Benchmarks)
        {
            var allocChange = v.BaselineAllocatedBytes is { } before && v.CurrentAllocatedBytes is { } after && before != 0 ? (after / before - 1) * 100 : (double?)null;
            var severity = v.Severity.ToString().ToLowerInvariant();
            table.Add(
                Cell.Of(v.DisplayName, v.DisplayName),
                Cell.Of(Units.Time(v.Baseline), v.Baseline),
                Cell.Of(Units.Time(v.Current), v.Current),
                Cell.Of(Units.SignedPercent(v.ChangePercent), v.ChangePercent),
                Cell.Of(v.ChangeLowerPercent is { } lower ? Units.SignedPercent(Math.Round(lower, 1)) : "–", v.ChangeLowerPercent),
                Cell.Of(v.ChangeUpperPercent is { } upper ? Units.SignedPercent(Math.Round(upper, 1)) : "–", v.ChangeUpperPercent),
                Cell.Of(KindName(v.Kind), KindName(v.Kind)),
                Cell.Of(severity, severity),
                Cell.Of(v.Fails ? "fails" : "", v.Fails),
                Cell.Of(Units.Bytes(v.BaselineAllocatedBytes), v.BaselineAllocatedBytes),
                Cell.Of(Units.Bytes(v.CurrentAllocatedBytes), v.CurrentAllocatedBytes),
                Cell.Of(Units.SignedPercent(allocChange), allocChange));
        }

        return table;
    }

    private static void Write(ResolvedRun left, ResolvedRun right, Verdict verdict, OutputFormat format, CliEnvironment env)
    {
        var table = Rows(verdict);
        switch (format)
        {
            case OutputFormat.Json:
                TableWriter.WriteJson(new CompareDocument(Side(left), Side(right), verdict.Passed, TableWriter.Rows(table), verdict.Notes), CliJson.Documents.CompareDocument, env.Out);
                break;
            case OutputFormat.Csv:
                TableWriter.Write(table, format, env);
                break;
            default:
                env.Out.WriteLine($"A: {left.Description}");
                env.Out.WriteLine($"B: {right.Description}");
                env.Out.WriteLine();
                TableWriter.Write(table, format, env);
                env.Out.WriteLine();
                env.Out.WriteLine(Summary(verdict));
                break;
        }
    }

    /// <summary><c>24 benchmarks: 1 slower, 0 faster, 23 unchanged; the gate would fail B against A (1 failing)</c>.</summary>
    internal static string Summary(Verdict verdict)
    {
        var failing = verdict.Benchmarks.Count(b => b.Fails) + verdict.Metrics.Count(m => m.Fails);
        var others = verdict.Benchmarks.Length - verdict.Count(ChangeKind.Regression) - verdict.Count(ChangeKind.Improvement) - verdict.Count(ChangeKind.Unchanged);
        var text = $"{Units.Count(verdict.Benchmarks.Length)} benchmarks: {Units.Count(verdict.Count(ChangeKind.Regression))} slower, " +
                   $"{Units.Count(verdict.Count(ChangeKind.Improvement))} faster, {Units.Count(verdict.Count(ChangeKind.Unchanged))} unchanged";
        if (others > 0)
        {
            text += $", {Units.Count(others)} new, removed or failed to run";
        }

        return verdict.Passed
            ? text + "; the gate would pass B against A"
            : text + $"; the gate would fail B against A ({Units.Count(failing)} failing)";
    }

    private static CompareSide Side(ResolvedRun side) => new(
        side.ResolvedAs switch { RunReferenceKind.RunId => "run", var k => k.ToString().ToLowerInvariant() },
        side.Stored?.Id,
        side.Run.Commit,
        side.Run.Branch,
        side.Run.Timestamp,
        side.Path,
        side.Description);

    private static string KindName(ChangeKind kind) => kind switch
    {
        ChangeKind.FailedToRun => "failed to run",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
