namespace PerfGate.Core.Statistics;

/// <summary>Adjusted p-values in input order, as R's p.adjust (methods "holm" and "BH").</summary>
public static class MultipleTesting
{
    /// <summary>Holm (1979): sort ascending, p₍ᵢ₎·(m − i + 1), running maximum, capped at 1.</summary>
    public static double[] Holm(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 0.0;
        for (var k = 0; k < m; k++)
        {
            running = Math.Max(running, Math.Min(1, (m - k) * pValues[order[k]]));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }

    /// <summary>Benjamini and Hochberg (1995): sort descending, p₍ᵢ₎·m / i, running minimum, capped at 1.</summary>
    public static double[] BenjaminiHochberg(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderByDescending(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var k = 0; k < m; k++)
        {
            var rank = m - k;
            running = Math.Min(running, Math.Min(1, pValues[order[k]] * m / rank));
            adjusted[order[k]] = running;
        }

        return adjusted;
    }
}
