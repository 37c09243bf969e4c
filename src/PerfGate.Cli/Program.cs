namespace PerfGate.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Out.WriteLine("perfgate: a performance regression gate for BenchmarkDotNet results.");
        Console.Out.WriteLine("Verbs: check, baseline, history, compare, status, report, export, alerts, dashboard.");
        return args.Length == 0 || args[0] is "-h" or "--help" ? 0 : 2;
    }
}
