using System.Collections.Immutable;
using PerfGate.Core.Rules;
using PerfGate.Core.Statistics;

namespace PerfGate.Core.Tests.Rules;

public sealed class RunStepsCodecTests
{
    private static MainStep Step(int index, double percent, string? commit, DateTimeOffset at, double logValue, double levelBefore, double pValue = 0.005) =>
        new(new ChangePoint(index, percent, percent - 3.25, percent + 2.5, pValue, index, 60 - index), new HistoryRun(1000 + index, commit, at, logValue), levelBefore);

    [Fact]
    public void Every_field_of_every_step_comes_back_bit_for_bit()
    {
        var steps = new Dictionary<string, ImmutableArray<MainStep>>(StringComparer.Ordinal)
        {
            ["Parse|x=1"] =
            [
                Step(8, 23.456789012345678, "0123456789abcdef0123456789abcdef01234567", new DateTimeOffset(2026, 11, 30, 12, 0, 0, 1, TimeSpan.Zero), Math.Log(1234.5678), 1000.0 / 3),
                Step(30, -0.0, null, new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.FromHours(-5.5)), double.Epsilon, 5e-324, pValue: 1.0 / 199),
            ],
            ["Größe — ünïcode"] = [Step(12, double.MaxValue, "", DateTimeOffset.UnixEpoch, -1e-300, double.NaN)],
        };

        var decoded = RunStepsCodec.TryDecode(RunStepsCodec.Encode(steps)).ShouldNotBeNull();

        decoded.Keys.Order(StringComparer.Ordinal).ShouldBe(steps.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, list) in steps)
        {
            decoded[key].Length.ShouldBe(list.Length);
            for (var i = 0; i < list.Length; i++)
            {
                var (expected, actual) = (list[i], decoded[key][i]);
                actual.ShouldBe(expected);
                Bits(actual).ShouldBe(Bits(expected));
                actual.FirstRunAfter.Timestamp.Offset.ShouldBe(expected.FirstRunAfter.Timestamp.Offset);
                actual.FirstRunAfter.Timestamp.UtcTicks.ShouldBe(expected.FirstRunAfter.Timestamp.UtcTicks);
                actual.Describe().ShouldBe(expected.Describe());
            }
        }
    }

    [Fact]
    public void Series_without_steps_are_left_out_and_the_bytes_do_not_depend_on_the_order_they_came_in()
    {
        var step = Step(10, 12, "abc", DateTimeOffset.UnixEpoch, 1, 2);
        var one = new Dictionary<string, ImmutableArray<MainStep>>(StringComparer.Ordinal) { ["b"] = [step], ["a"] = [], ["c"] = [step, step] };
        var other = new Dictionary<string, ImmutableArray<MainStep>>(StringComparer.Ordinal) { ["c"] = [step, step], ["b"] = [step] };

        RunStepsCodec.Encode(one).ShouldBe(RunStepsCodec.Encode(other));
        RunStepsCodec.TryDecode(RunStepsCodec.Encode(one))!.Keys.Order(StringComparer.Ordinal).ShouldBe(["b", "c"]);
        RunStepsCodec.TryDecode(RunStepsCodec.Encode(new Dictionary<string, ImmutableArray<MainStep>>()))!.ShouldBeEmpty();
    }

    [Fact]
    public void Bytes_of_another_version_or_cut_short_or_with_more_after_them_are_not_steps()
    {
        var bytes = RunStepsCodec.Encode(new Dictionary<string, ImmutableArray<MainStep>> { ["a"] = [Step(10, 12, "abc", DateTimeOffset.UnixEpoch, 1, 2)] });

        RunStepsCodec.TryDecode([]).ShouldBeNull();
        RunStepsCodec.TryDecode([2, .. bytes[1..]]).ShouldBeNull();
        RunStepsCodec.TryDecode(bytes[..^1]).ShouldBeNull();
        RunStepsCodec.TryDecode([.. bytes, 0]).ShouldBeNull();
        RunStepsCodec.TryDecode(bytes).ShouldNotBeNull();
    }

    private static long[] Bits(MainStep s) =>
    [
        BitConverter.DoubleToInt64Bits(s.Step.Percent),
        BitConverter.DoubleToInt64Bits(s.Step.LowerPercent),
        BitConverter.DoubleToInt64Bits(s.Step.UpperPercent),
        BitConverter.DoubleToInt64Bits(s.Step.PValue),
        BitConverter.DoubleToInt64Bits(s.FirstRunAfter.LogValue),
        BitConverter.DoubleToInt64Bits(s.LevelBefore),
    ];
}
