namespace PerfGate.Core.Results;

/// <summary>
/// Thrown for input that cannot be used: malformed, truncated, empty or foreign JSON, wrong types. The message
/// names the file and the problem; the CLI turns it into exit code 2 without a stack trace.
/// </summary>
public sealed class ResultsFormatException : Exception
{
    public ResultsFormatException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    public ResultsFormatException(string file, string problem, Exception inner)
        : base($"{file}: {problem}", inner)
    {
        File = file;
        Problem = problem;
    }

    public ResultsFormatException()
    {
        File = "";
        Problem = "";
    }

    public ResultsFormatException(string message)
        : base(message)
    {
        File = "";
        Problem = message;
    }

    public ResultsFormatException(string message, Exception inner)
        : base(message, inner)
    {
        File = "";
        Problem = message;
    }

    public string File { get; }

    public string Problem { get; }
}
