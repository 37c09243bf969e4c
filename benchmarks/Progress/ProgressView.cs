using Spectre.Console;

namespace PerfGate.Benchmarks.Progress;

/// <summary>Shows a <see cref="ProgressTracker"/> while BenchmarkDotNet runs: live on a terminal, plain lines otherwise.</summary>
public abstract class ProgressView
{
    /// <summary>Runs <paramref name="work"/> (BenchmarkDotNet) with the display on; returns its result, the display gone.</summary>
    public abstract T Run<T>(Func<T> work);

    /// <summary>The view for <paramref name="mode"/>; <see cref="ProgressMode.Verbose"/> shows nothing of its own.</summary>
    public static ProgressView For(ProgressMode mode, ProgressTracker tracker, TextWriter output) => mode switch
    {
        ProgressMode.Live => new Live(tracker, output),
        ProgressMode.Plain => new Plain(tracker, output),
        _ => new None(),
    };

    private sealed class None : ProgressView
    {
        public override T Run<T>(Func<T> work) => work();
    }

    /// <summary>CI and pipes: one line per benchmark finished, and BenchmarkDotNet's error lines.</summary>
    private sealed class Plain : ProgressView
    {
        private readonly TextWriter _output;

        public Plain(ProgressTracker tracker, TextWriter output)
        {
            _output = output;
            tracker.BenchmarkFinished += f => WriteLine(ProgressText.Plain(f));
            tracker.Error += WriteLine;
        }

        public override T Run<T>(Func<T> work) => work();

        private void WriteLine(string line)
        {
            lock (_output)
            {
                _output.WriteLine(line);
                _output.Flush();
            }
        }
    }

    /// <summary>A terminal: one Spectre.Console live line, redrawn four times a second; failures and errors above it.</summary>
    private sealed class Live : ProgressView
    {
        private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
        private readonly ProgressTracker _tracker;
        private readonly IAnsiConsole _console;

        public Live(ProgressTracker tracker, TextWriter output)
        {
            _tracker = tracker;
            _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            tracker.BenchmarkFinished += f =>
            {
                if (!f.Succeeded)
                {
                    _console.MarkupLine("[red]" + Markup.Escape(ProgressText.Plain(f)) + "[/]");
                }
            };
            tracker.Error += line => _console.MarkupLine("[red]" + Markup.Escape(line) + "[/]");
        }

        public override T Run<T>(Func<T> work)
        {
            T result = default!;
            _console.Live(Line()).AutoClear(true).Start(context =>
            {
                using var stop = new CancellationTokenSource();
                var redraw = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            await Task.Delay(Refresh, stop.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }

                        context.UpdateTarget(Line());
                        context.Refresh();
                    }
                });
                try
                {
                    result = work();
                }
                finally
                {
                    stop.Cancel();
                    redraw.Wait();
                }
            });
            return result;
        }

        private Markup Line() => new("[blue]PerfGate[/] " + Markup.Escape(ProgressText.Live(_tracker.Snapshot()))) { Overflow = Overflow.Ellipsis };
    }
}
