using System.Text;

namespace PerfGate.Core.Rendering;

/// <summary>A one-line trend from Unicode block characters (▁▂▃▄▅▆▇█), scaled between the series' minimum and maximum.</summary>
public static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>Empty for fewer than two finite points; a flat series is drawn at mid height.</summary>
    public static string Render(IEnumerable<double> values)
    {
        var points = values.Where(double.IsFinite).ToArray();
        if (points.Length < 2)
        {
            return string.Empty;
        }

        var min = points.Min();
        var max = points.Max();
        var builder = new StringBuilder(points.Length);
        foreach (var point in points)
        {
            var level = max > min
                ? (int)Math.Round((point - min) / (max - min) * (Blocks.Length - 1), MidpointRounding.AwayFromZero)
                : 3;
            builder.Append(Blocks[level]);
        }

        return builder.ToString();
    }
}
