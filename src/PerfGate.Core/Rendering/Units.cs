using System.Globalization;

namespace PerfGate.Core.Rendering;

/// <summary>Number formatting shared by every renderer: invariant culture, three significant digits, sensible units.</summary>
public static class Units
{
    private static readonly string[] TimeUnits = ["ns", "\u03BCs", "ms", "s"];
    private static readonly string[] ByteUnits = ["B", "KB", "MB", "GB", "TB"];

    /// <summary>A duration given in nanoseconds, e.g. <c>812 ns</c>, <c>1.23 μs</c>, <c>45.6 ms</c>, <c>2.00 s</c>.</summary>
    public static string Time(double? nanoseconds) =>
        nanoseconds is { } ns && double.IsFinite(ns) ? Scaled(ns, 1000, TimeUnits) : "–";

    /// <summary>A size in bytes with 1024-based units as BenchmarkDotNet prints them: <c>0 B</c>, <c>312 B</c>, <c>1.50 KB</c>.</summary>
    public static string Bytes(double? bytes) =>
        bytes is { } b && double.IsFinite(b) ? Scaled(b, 1024, ByteUnits) : "–";

    /// <summary>A signed percentage with one decimal: <c>+34.2%</c>, <c>-12.0%</c>, <c>0.0%</c>.</summary>
    public static string SignedPercent(double? percent)
    {
        if (percent is not { } p || !double.IsFinite(p))
        {
            return "–";
        }

        var rounded = Math.Round(p, 1, MidpointRounding.AwayFromZero);
        if (rounded == 0)
        {
            rounded = 0; // never "-0.0%"
        }

        var sign = rounded > 0 ? "+" : string.Empty;
        return sign + rounded.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>An unsigned percentage such as a threshold: <c>20%</c>, <c>2.5%</c>.</summary>
    public static string Percent(double percent) =>
        percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>What a report shows for an interval that could not be estimated.</summary>
    public const string UnknownInterval = "\u2014";

    /// <summary>
    /// A signed percentage rounded for reading: whole percents from 10% up (<c>+157%</c>, <c>-18%</c>), one decimal
    /// below (<c>+9.4%</c>, <c>-1.5%</c>, <c>0.0%</c>).
    /// </summary>
    public static string RoundedPercent(double? percent)
    {
        if (percent is not { } p || !double.IsFinite(p))
        {
            return "–";
        }

        var oneDecimal = Math.Round(p, 1, MidpointRounding.AwayFromZero);
        var whole = Math.Abs(oneDecimal) >= 10;
        var rounded = whole ? Math.Round(p, 0, MidpointRounding.AwayFromZero) : oneDecimal;
        if (rounded == 0)
        {
            rounded = 0; // never "-0.0%"
        }

        var sign = rounded > 0 ? "+" : string.Empty;
        return sign + rounded.ToString(whole ? "0" : "0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>
    /// A 95% confidence interval of a change, e.g. <c>+9% … +157%</c> (it is lopsided on the log scale, so it is never
    /// shown as ±); <see cref="UnknownInterval"/> when either bound is missing or not finite.
    /// </summary>
    public static string Interval(double? lower, double? upper) =>
        lower is { } l && upper is { } u && double.IsFinite(l) && double.IsFinite(u)
            ? RoundedPercent(Math.Min(l, u)) + " … " + RoundedPercent(Math.Max(l, u))
            : UnknownInterval;

    /// <summary>A p-value for people, written once: <c>p = 0.0212</c>, or <c>p &lt; 0.0001</c> below that (never <c>p = &lt; 0.0001</c>).</summary>
    public static string PValue(double p) =>
        p < 0.0001 ? "p < 0.0001" : "p = " + Math.Min(p, 1).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A plain number: thousands grouped from 1,000 up, else three significant digits.</summary>
    public static string Number(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return "–";
        }

        return Math.Abs(v) >= 1000
            ? v.ToString("#,0", CultureInfo.InvariantCulture)
            : Significant(v);
    }

    /// <summary>A value in its unit: times (<c>ns</c>) via <see cref="Time"/>, bytes (<c>B</c>) via <see cref="Bytes"/>, others as a number and the unit.</summary>
    public static string Quantity(double? value, string unit) => unit switch
    {
        "ns" => Time(value),
        "B" => Bytes(value),
        _ when value is null || !double.IsFinite(value.Value) => "–",
        "" => Number(value),
        _ => Number(value) + " " + unit,
    };

    /// <summary>
    /// A finding's or alert's figure (<c>time</c> in ns, <c>allocated</c> in bytes, else a metric's value, whose unit
    /// the figure's name does not say).
    /// </summary>
    public static string Figure(string figure, double? value) => figure switch
    {
        "time" => Time(value),
        "allocated" => Bytes(value),
        _ => Number(value),
    };

    /// <summary>An integer count with thousands grouped: <c>4,950</c>.</summary>
    public static string Count(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Three significant digits, e.g. <c>1.23</c>, <c>12.3</c>, <c>123</c>, <c>0.123</c>.</summary>
    public static string Significant(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = Math.Clamp(2 - magnitude, 0, 10);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);

        // Rounding can add a digit (9.996 → 10.00): recompute the decimals for the rounded value.
        if (rounded != 0)
        {
            var roundedMagnitude = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));
            decimals = Math.Clamp(2 - roundedMagnitude, 0, 10);
        }

        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static string Scaled(double value, double step, string[] units)
    {
        var unit = 0;
        var scaled = value;
        while (unit < units.Length - 1 && Math.Abs(Round3(scaled)) >= step)
        {
            scaled /= step;
            unit++;
        }

        // Values below 1 in the smallest unit (0.42 ns) or integral bytes keep their natural form.
        return Significant(scaled) + " " + units[unit];
    }

    private static double Round3(double value)
    {
        if (value == 0)
        {
            return 0;
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = 2 - magnitude;
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        }

        var factor = Math.Pow(10, -decimals);
        return Math.Round(value / factor, MidpointRounding.AwayFromZero) * factor;
    }
}
