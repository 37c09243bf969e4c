namespace PerfGate.Core.Tests.TestSupport;

/// <summary>
/// Golden-file comparison. Set <c>PERFGATE_UPDATE_SNAPSHOTS=1</c> to rewrite the committed files, then review the
/// diff like any other change. A missing file fails (it is never created silently).
/// </summary>
internal static class Snapshot
{
    public static bool Updating => Environment.GetEnvironmentVariable("PERFGATE_UPDATE_SNAPSHOTS") == "1";

    public static void Match(string fileName, string actual)
    {
        var path = RepoPaths.Expected(fileName);
        if (Updating)
        {
            File.WriteAllText(path, actual, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        File.Exists(path).ShouldBeTrue($"missing golden file {path}; run the tests once with PERFGATE_UPDATE_SNAPSHOTS=1 and review it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            var line = FirstDifference(expected, actual);
            Assert.Fail($"{fileName} differs from the golden file at line {line.Number}:\n expected: {line.Expected}\n   actual: {line.Actual}\n(set PERFGATE_UPDATE_SNAPSHOTS=1 to accept)");
        }
    }

    private static (int Number, string Expected, string Actual) FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return (i + 1, el, al);
            }
        }

        return (0, string.Empty, string.Empty);
    }
}
