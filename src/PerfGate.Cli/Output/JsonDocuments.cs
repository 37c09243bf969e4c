namespace PerfGate.Cli.Output;

// The documents the verbs print with --format json, one record per JSON object (names are camelCased on output;
// property order is output order). Rows are TableWriter.Rows of the verb's data table: column key → cell value.

/// <summary><c>perfgate status --format json</c> (docs/operations.md).</summary>
internal sealed record StatusDocument(
    StatusRun Run,
    double TrendDays,
    IReadOnlyList<StatusStep> Steps,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Benchmarks,
    StatusCounts Summary,
    StatusIndex? PerformanceIndex,
    StatusScore? RegressionScore);

/// <summary>The run <c>status</c> describes.</summary>
internal sealed record StatusRun(long Id, DateTimeOffset Timestamp, string Branch, string? Commit, int? PullRequest, string Fingerprint);

/// <summary>A lasting step in one benchmark's recent main-branch runs (tier 3's change points).</summary>
internal sealed record StatusStep(
    string SeriesKey,
    string Name,
    double Percent,
    double LowerPercent,
    double UpperPercent,
    double PValue,
    long RunId,
    string? Commit,
    DateTimeOffset Timestamp,
    int RunsBefore,
    int RunsAfter,
    string Message);

/// <summary>Series counted by status, and the targets met and missed.</summary>
internal sealed record StatusCounts(int Ok, int Warning, int Error, int Critical, int Total, int TargetsMet, int TargetsMissed);

/// <summary>The Performance Index of the run's targeted figures.</summary>
internal sealed record StatusIndex(double Value, int Targets, int TargetsMet);

/// <summary>The Regression Score against the committed baseline; <see cref="Interval"/> says how its interval was estimated.</summary>
internal sealed record StatusScore(double Percent, double? LowerPercent, double? UpperPercent, int Benchmarks, string Reference, string Interval);

/// <summary><c>perfgate report --format json</c> (docs/operations.md).</summary>
internal sealed record ReportDocument(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Branch,
    int Runs,
    int AggregatedDays,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Series,
    ReportAlertCounts Alerts,
    ReportAlertQuality AlertQuality);

/// <summary>The window's alerts by severity.</summary>
internal sealed record ReportAlertCounts(int Warning, int Error, int Critical, int Total, int Acknowledged);

/// <summary>What the reviews of the window's alerts found, overall and per series.</summary>
internal sealed record ReportAlertQuality(ReportReviewCounts Overall, IReadOnlyList<ReportSeriesQuality> Series);

/// <summary>One series' reviewed alerts, with advice when most were not about the code.</summary>
internal sealed record ReportSeriesQuality(string SeriesKey, string Name, ReportReviewCounts Counts, string? Advice);

/// <summary>Alerts counted by what their review (<c>alerts ack --reason</c>) found.</summary>
internal sealed record ReportReviewCounts(
    int Total,
    int Real,
    int Expected,
    int FalseAlarm,
    int Environment,
    int NoReason,
    int Unreviewed,
    int Reviewed,
    double? FalseAlarmRate);

/// <summary><c>perfgate compare --format json</c> (docs/compare.md).</summary>
internal sealed record CompareDocument(
    CompareSide A,
    CompareSide B,
    bool Passed,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Benchmarks,
    IReadOnlyList<string> Notes);

/// <summary>One side of a comparison: how it was resolved and where it came from.</summary>
internal sealed record CompareSide(string Kind, long? RunId, string? Commit, string? Branch, DateTimeOffset? Timestamp, string? Path, string Description);

/// <summary><c>perfgate alerts --format json</c> (docs/alerts.md).</summary>
internal sealed record AlertsDocument(IReadOnlyList<IReadOnlyDictionary<string, object?>> Alerts, AlertsCounts Counts);

/// <summary>The alert list's footer, for programs.</summary>
internal sealed record AlertsCounts(int Total, int Critical, int Error, int Warning, int Acknowledged, int Open);
