using System.Globalization;
using Spectre.Console;

namespace PerfGate.Cli.Ab;

/// <summary>What <c>perfgate ab</c> shows while it runs: on a terminal one live line, otherwise one plain line per finished side.</summary>
internal abstract class AbProgress
{
    /// <summary>A side starts: <paramref name="label"/> is "round 2/3" or "round 4 (confirmation 1/4, 3 patterns)".</summary>
    public abstract void SideStarted(string label, string side, TimeSpan? estimatedLeft);

    /// <summary>The child printed <c>// Benchmark: …</c>.</summary>
    public abstract void Benchmark(string name);

    public abstract void SideDone(string label, string side, TimeSpan took);

    /// <summary>A sentence for the log (why no confirmation round, a budget that ran out).</summary>
    public abstract void Note(string text);

    /// <summary>Runs <paramref name="work"/> showing this progress; returns when it does, the display cleared.</summary>
    public abstract Task<T> Show<T>(Func<Task<T>> work);

    public static AbProgress For(CliEnvironment env) => env.IsErrorTerminal ? new Live(env) : new Plain(env);

    internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Clock(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>CI, pipes, tests: <c>perfgate ab: round 2/3 head done in 14.2 s</c>.</summary>
    private sealed class Plain(CliEnvironment env) : AbProgress
    {
        public override void SideStarted(string label, string side, TimeSpan? estimatedLeft)
        {
        }

        public override void Benchmark(string name)
        {
        }

        public override void SideDone(string label, string side, TimeSpan took) =>
            env.Out.WriteLine($"perfgate ab: {label} {side} done in {Seconds(took)}");

        public override void Note(string text) => env.Out.WriteLine($"perfgate ab: {text}");

        public override Task<T> Show<T>(Func<Task<T>> work) => work();
    }

    /// <summary>A terminal: one Spectre.Console live line on the error stream, redrawn a few times a second.</summary>
    private sealed class Live(CliEnvironment env) : AbProgress
    {
        private readonly object _gate = new();
        private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(env.Error) });
        private string _label = "starting";
        private string _side = "";
        private string _benchmark = "";
        private long _started = env.Clock.GetTimestamp();
        private long _sideStarted = env.Clock.GetTimestamp();
        private TimeSpan? _left;

        public override void SideStarted(string label, string side, TimeSpan? estimatedLeft)
        {
            lock (_gate)
            {
                (_label, _side, _benchmark, _left, _sideStarted) = (label, side, "", estimatedLeft, env.Clock.GetTimestamp());
            }
        }

        public override void Benchmark(string name)
        {
            lock (_gate)
            {
                _benchmark = name;
            }
        }

        public override void SideDone(string label, string side, TimeSpan took) =>
            _console.MarkupLine(Markup.Escape($"perfgate ab: {label} {side} done in {Seconds(took)}"));

        public override void Note(string text) => _console.MarkupLine(Markup.Escape($"perfgate ab: {text}"));

        public override async Task<T> Show<T>(Func<Task<T>> work)
        {
            _started = env.Clock.GetTimestamp();
            T result = default!;
            await _console.Live(new Markup(Line())).AutoClear(true).StartAsync(async context =>
            {
                var task = work();
                while (!task.IsCompleted)
                {
                    await Task.WhenAny(task, Task.Delay(250)).ConfigureAwait(false);
                    context.UpdateTarget(new Markup(Line()));
                    context.Refresh();
                }

                result = await task.ConfigureAwait(false);
            }).ConfigureAwait(false);
            return result;
        }

        private string Line()
        {
            lock (_gate)
            {
                var elapsed = env.Clock.GetElapsedTime(_started);
                var left = _left is { } l ? l - env.Clock.GetElapsedTime(_sideStarted) : (TimeSpan?)null;
                var leftText = left is { } x ? $", about {Clock(x < TimeSpan.Zero ? TimeSpan.Zero : x)} left" : "";
                var bench = _benchmark.Length > 0 ? $" [grey]{Markup.Escape(_benchmark)}[/]" : "";
                return $"[blue]perfgate ab[/] {Markup.Escape(_label)} [bold]{Markup.Escape(_side)}[/]{bench} [grey]({Clock(elapsed)} elapsed{leftText})[/]";
            }
        }
    }
}
