using System.Globalization;

namespace PerfGate.Core.Rules;

/// <summary>Nanoseconds as people read them: three significant digits in ns, μs, ms or s.</summary>
public static class TimeText
{
    public static string Format(double nanoseconds)
    {
        var (value, unit) = Math.Abs(nanoseconds) switch
        {
            >= 1e9 => (nanoseconds / 1e9, "s"),
            >= 1e6 => (nanoseconds / 1e6, "ms"),
            >= 1e3 => (nanoseconds / 1e3, "μs"),
            _ => (nanoseconds, "ns"),
        };
        var format = Math.Abs(value) switch
        {
            >= 100 => "0",
            >= 10 => "0.0",
            _ => "0.00",
        };
        return value.ToString(format, CultureInfo.InvariantCulture) + " " + unit;
    }
}
