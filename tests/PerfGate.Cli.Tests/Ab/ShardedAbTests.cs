using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfGate.Cli.Tests.Ab;

/// <summary>
/// <c>check --ab DIR</c> over a suite sharded across a job matrix (DIR/shard-N/round-NN/{base,head}): the shards merge
/// into one verdict; a duplicate benchmark, a missing shard and a failed shard each stop with exit 2 naming the shard.
/// </summary>
public sealed class ShardedAbTests
{
    private static readonly int Benchmarks = JsonNode.Parse(File.ReadAllText(CliRunner.Run1))!["Benchmarks"]!.AsArray().Count;

    [Fact]
    public void Two_shards_merge_into_one_verdict_with_every_benchmark()
    {
        using var cli = new CliRunner();
        WriteShard(cli.Path("ab", "shard-1"), rounds: 3, which: i => !IsJoin(i));
        WriteShard(cli.Path("ab", "shard-2"), rounds: 3, which: IsJoin);
        AbLayout.Write(cli.Path("whole"), rounds: 3);

        var (code, output, error) = cli.Run("check", "--ab", "ab", "--shards", "2", "--json", "sharded.json");
        var whole = cli.Run("check", "--ab", "whole", "--json", "whole.json");

        code.ShouldBe(0, output + error);
        whole.Code.ShouldBe(0);
        var sharded = Read(cli, "sharded.json");
        var ids = Ids(sharded);
        ids.Count.ShouldBe(Benchmarks);
        ids.Distinct().Count().ShouldBe(Benchmarks);

        // The same benchmarks as the unsharded suite (a file's job names are shortened by what else is in it, so without the job).
        WithoutJob(ids).ShouldBe(WithoutJob(Ids(Read(cli, "whole.json"))), ignoreOrder: true);
        // Every measured benchmark (the fixture's Throws failed to run) was paired in all 3 rounds of its shard.
        var rounds = sharded.GetProperty("benchmarks").EnumerateArray().Where(b => b.GetProperty("rounds").ValueKind == JsonValueKind.Number).ToList();
        rounds.Count.ShouldBe(Benchmarks * 2 / 3);
        rounds.ShouldAllBe(b => b.GetProperty("rounds").GetInt32() == 3);
        sharded.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!)
            .ShouldContain(n => n.StartsWith("Merged 2 shards, each measured on its own runner: shard-1 (", StringComparison.Ordinal));
    }

    [Fact]
    public void A_regression_in_one_shard_fails_the_merged_verdict()
    {
        using var cli = new CliRunner();
        WriteShard(cli.Path("ab", "shard-1"), rounds: 3, which: i => !IsJoin(i));
        WriteShard(cli.Path("ab", "shard-2"), rounds: 3, which: IsJoin, slowed: 18);

        var (code, output, error) = cli.Run("check", "--ab", "ab", "--json", "verdict.json");

        code.ShouldBe(1, output + error);
        var failing = Read(cli, "verdict.json").GetProperty("benchmarks").EnumerateArray().Where(b => b.GetProperty("fails").GetBoolean()).ToList();
        var regression = failing.ShouldHaveSingleItem();
        regression.GetProperty("kind").GetString().ShouldBe("regression");
        regression.GetProperty("id").GetString()!.ShouldStartWith("BdnFixtures.ParserBenchmarks.Join(Count=100, Separator=a b)");
        Ids(Read(cli, "verdict.json")).Count.ShouldBe(Benchmarks);
    }

    [Fact]
    public void A_benchmark_in_two_shards_is_bad_input_naming_both()
    {
        using var cli = new CliRunner();
        WriteShard(cli.Path("ab", "shard-1"), rounds: 2, which: i => i % 3 != 2);
        WriteShard(cli.Path("ab", "shard-2"), rounds: 2, which: i => i % 3 != 1);

        var (code, _, error) = cli.Run("check", "--ab", "ab");

        code.ShouldBe(2);
        error.ShouldContain("is in shard 1 and shard 2: each benchmark must belong to exactly one shard");
        error.ShouldContain("shard-2");
    }

    [Fact]
    public void A_missing_shard_is_bad_input_naming_it()
    {
        using var cli = new CliRunner();
        WriteShard(cli.Path("ab", "shard-1"), rounds: 2, which: i => i % 3 == 0);
        WriteShard(cli.Path("ab", "shard-3"), rounds: 2, which: i => i % 3 == 2);

        var (code, _, error) = cli.Run("check", "--ab", "ab", "--shards", "3");

        code.ShouldBe(2);
        error.ShouldContain("1 shard of 3 missing: shard-2 (its job failed or its artifact was not downloaded)");
    }

    [Fact]
    public void A_failed_shard_with_no_complete_round_is_bad_input_naming_it()
    {
        using var cli = new CliRunner();
        WriteShard(cli.Path("ab", "shard-1"), rounds: 2, which: i => i % 2 == 0);
        WriteShard(cli.Path("ab", "shard-2"), rounds: 1, which: i => i % 2 == 1);
        Directory.Move(AbLayout.RoundFolder(cli.Path("ab", "shard-2"), 1), AbLayout.RoundFolder(cli.Path("ab", "shard-2"), 1) + ".partial");

        var (code, _, error) = cli.Run("check", "--ab", "ab", "--shards", "2");

        code.ShouldBe(2);
        error.ShouldContain("shard 2 failed: ");
        error.ShouldContain("no round-NN folders");
    }

    [Fact]
    public void Shards_without_a_sharded_folder_is_bad_input()
    {
        using var cli = new CliRunner();
        AbLayout.Write(cli.Path("ab"), rounds: 2);

        var (code, _, error) = cli.Run("check", "--ab", "ab", "--shards", "2");

        code.ShouldBe(2);
        error.ShouldContain("--shards 2 was given but the folder holds no shard-N folders");
    }

    /// <summary>A shard: the chosen benchmarks (by index) of both real runs, alternating as <see cref="AbLayout"/>; <paramref name="slowed"/>'s head 3× slower.</summary>
    private static void WriteShard(string dir, int rounds, Func<int, bool> which, int? slowed = null)
    {
        for (var round = 1; round <= rounds; round++)
        {
            var odd = round % 2 == 1;
            WriteSide(dir, round, "base", odd ? CliRunner.Run1 : CliRunner.Run2, which, null);
            WriteSide(dir, round, "head", odd ? CliRunner.Run2 : CliRunner.Run1, which, slowed);
        }
    }

    private static void WriteSide(string dir, int round, string side, string source, Func<int, bool> which, int? slowed)
    {
        var root = JsonNode.Parse(File.ReadAllText(source))!;
        var all = root["Benchmarks"]!.AsArray();
        var kept = new JsonArray();
        for (var i = 0; i < all.Count; i++)
        {
            if (which(i))
            {
                var benchmark = all[i]!.DeepClone();
                if (i == slowed)
                {
                    BdnJson.ScaleTimes(benchmark, 3.0);
                }

                kept.Add(benchmark);
            }
        }

        root["Benchmarks"] = kept;
        var folder = Path.Combine(AbLayout.RoundFolder(dir, round), side);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, Path.GetFileName(source)), root.ToJsonString());
    }

    /// <summary>The fixture's benchmarks go Join, Sum, Throws, Join, … (one of each per job and parameter set).</summary>
    private static bool IsJoin(int index) => index % 3 == 0;

    private static List<string> WithoutJob(List<string> ids) => [.. ids.Select(id => id.Split(" [")[0])];

    private static JsonElement Read(CliRunner cli, string file) => JsonDocument.Parse(File.ReadAllText(cli.Path(file))).RootElement.Clone();

    private static List<string> Ids(JsonElement verdict) =>
        verdict.GetProperty("benchmarks").EnumerateArray().Select(b => b.GetProperty("id").GetString()!).ToList();
}
