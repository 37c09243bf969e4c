using System.Globalization;
using System.Text;
using PerfGate.Core.Results;
using PerfGate.Core.Rules;

namespace PerfGate.Benchmarks.Budgets;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks -- --derive-budgets [--headroom 2] DIR…</c>: reads every unchanged run
/// under the folders (each folder holding <c>*-report-full.json</c> files is one run), prints what each budgeted figure
/// measured and the budgets <see cref="BudgetDerivation"/> derives, as a table and as <c>perfgate.json</c> lines.
/// </summary>
public static class BudgetCommand
{
    public const string Switch = "--derive-budgets";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var headroom = BudgetDerivation.DefaultHeadroom;
        var folders = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--headroom")
            {
                if (i + 1 >= args.Count || !double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out headroom)
                    || !(headroom > BudgetDerivation.WarningFactor) || !double.IsFinite(headroom))
                {
                    error.WriteLine($"{Switch}: --headroom needs a number above {BudgetDerivation.WarningFactor.ToString(CultureInfo.InvariantCulture)} (the warning factor), e.g. --headroom 2");
                    return PerfGate.Cli.ExitCodes.BadInput;
                }
            }
            else
            {
                folders.Add(args[i]);
            }
        }

        if (folders.Count == 0)
        {
            error.WriteLine($"{Switch}: name one or more folders of unchanged runs (each folder holding *-report-full.json files is one run)");
            return PerfGate.Cli.ExitCodes.BadInput;
        }

        List<RunTime> times;
        try
        {
            times = Read(folders);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or ResultsFormatException or IOException)
        {
            error.WriteLine($"{Switch}: {e.Message}");
            return PerfGate.Cli.ExitCodes.BadInput;
        }

        var budgets = BudgetDerivation.Derive(times, headroom);
        if (budgets.IsEmpty)
        {
            error.WriteLine($"{Switch}: no run under {string.Join(", ", folders)} measured a budgeted benchmark ({string.Join(", ", BudgetDerivation.Figures.Select(f => f.Benchmark))})");
            return PerfGate.Cli.ExitCodes.BadInput;
        }

        output.Write(Render(budgets, headroom, times.Select(t => t.Run).Distinct(StringComparer.Ordinal).Count()));
        return PerfGate.Cli.ExitCodes.Pass;
    }

    /// <summary>Every run under the folders: one <see cref="RunTime"/> per benchmark with a time estimate.</summary>
    public static List<RunTime> Read(IEnumerable<string> folders)
    {
        var runs = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"'{folder}' is not a folder");
            }

            foreach (var file in Directory.EnumerateFiles(folder, "*-report-full.json", SearchOption.AllDirectories))
            {
                runs.Add(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }
        }

        var times = new List<RunTime>();
        foreach (var run in runs)
        {
            var files = Directory.GetFiles(run, "*-report-full.json");
            var loaded = ResultsLoader.Load(files);
            foreach (var result in loaded.Results)
            {
                if (RunEstimate.From(result) is { } estimate)
                {
                    times.Add(new RunTime(run, loaded.Host.Key, result.Id.Key, estimate.Value));
                }
            }
        }

        return times;
    }

    public static string Render(IReadOnlyList<DerivedBudget> budgets, double headroom, int runs)
    {
        var h = headroom.ToString("0.##", CultureInfo.InvariantCulture);
        var w = BudgetDerivation.WarningFactor.ToString("0.##", CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Budgets from {runs} unchanged run(s): target = slowest run seen, warning = {w}× it, error = {h}× it (rounded up to 2 significant digits).")
            .AppendLine()
            .AppendLine("| figure | benchmark | runs | machines | fastest | median | slowest | target | warning | error |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var b in budgets)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {b.Figure.Id} {b.Figure.Name} | `{b.Figure.Benchmark}` | {b.Runs} | {b.Machines} | {Q(b.Minimum)} | {Q(b.Median)} | {Q(b.Maximum)} | {Q(b.Target)} | {Q(b.Warning)} | {Q(b.Error)} |");
        }

        text.AppendLine().AppendLine("perfgate.json \"targets\" lines:");
        foreach (var b in budgets)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"    {{ \"benchmark\": \"{b.Figure.Benchmark}\", \"name\": \"{b.Figure.Id} {b.Figure.Name}\", \"target\": \"{Q(b.Target)}\", \"warning\": \"{Q(b.Warning)}\", \"error\": \"{Q(b.Error)}\" }},");
        }

        text.AppendLine().AppendLine("Slowest run per figure:");
        foreach (var b in budgets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {b.Figure.Id}: {b.SlowestRun}");
        }

        return text.ToString();
    }

    private static string Q(double nanoseconds) => BudgetDerivation.Quantity(nanoseconds);
}
