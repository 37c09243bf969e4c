using System.Collections.Immutable;
using PerfGate.Sample.Prompts;
using PerfGate.Sample.Prompts.Modules;
using PerfGate.Sample.Rules;

namespace PerfGate.Sample.Tests.Prompts;

public sealed class PromptOrchestratorTests
{
    private static readonly RuleSet Rules = RuleLoader.Load(TestData.RulesDirectory);
    private static readonly PromptContext Context = new("permit", "environmental law", Rules);

    [Fact]
    public void Runs_the_sixteen_standard_modules_in_three_batches()
    {
        var orchestrator = new PromptOrchestrator(StandardModules.Create(), maxDegreeOfParallelism: 4);

        orchestrator.ModuleCount.ShouldBe(16);
        var batches = orchestrator.Batches.Select(b => b.Select(m => m.Id).ToArray()).ToArray();
        batches.Length.ShouldBe(3);
        batches[1].ShouldBe([ModuleIds.ErrorPrevention, ModuleIds.Template]);
        batches[2].ShouldBe([ModuleIds.DefinitionTask]);
        batches[0].Length.ShouldBe(13);
    }

    [Fact]
    public void Every_module_runs_after_its_dependencies()
    {
        var modules = StandardModules.Create();
        var orchestrator = new PromptOrchestrator(modules, maxDegreeOfParallelism: 4);

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var order = orchestrator.Build(Context).ExecutionOrder;

            order.Length.ShouldBe(16);
            order.Distinct().Count().ShouldBe(16);
            foreach (var module in modules)
            {
                foreach (var dependency in module.DependsOn)
                {
                    order.IndexOf(dependency).ShouldBeLessThan(order.IndexOf(module.Id), $"{module.Id} ran before {dependency}");
                }
            }
        }
    }

    [Fact]
    public void The_prompt_holds_every_module_part_in_declared_order()
    {
        var result = new PromptOrchestrator(StandardModules.Create(), maxDegreeOfParallelism: 4).Build(Context);

        result.Outputs.Count.ShouldBe(16);
        var positions = StandardModules.Create().OrderBy(m => m.Order).Select(m => result.Text.IndexOf(result.Outputs[m.Id].Text, StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p >= 0);
        positions.ShouldBeInOrder(SortDirection.Ascending);
        result.Text.ShouldContain("Category of 'permit': result.");
        result.Text.ShouldContain("<kind of result> of <activity>");
        foreach (var rule in Rules.Rules)
        {
            result.Text.ShouldContain(rule.Id + " " + rule.Name);
        }
    }

    [Fact]
    public void Parallel_and_sequential_runs_give_the_same_prompt()
    {
        var sequential = new PromptOrchestrator(StandardModules.Create(), maxDegreeOfParallelism: 1).Build(Context);
        var parallel = new PromptOrchestrator(StandardModules.Create(), maxDegreeOfParallelism: 8).Build(Context);

        parallel.Text.ShouldBe(sequential.Text);
        parallel.TokenCount.ShouldBe(sequential.TokenCount);
    }

    [Fact]
    public void A_dependency_cycle_is_rejected()
    {
        IPromptModule[] modules = [new FakeModule("a", "c"), new FakeModule("b", "a"), new FakeModule("c", "b"), new FakeModule("d")];

        var error = Should.Throw<DependencyCycleException>(() => new PromptOrchestrator(modules, 1));

        error.Message.ShouldEndWith("among: a, b, c.");
    }

    [Fact]
    public void A_self_dependency_is_a_cycle()
    {
        Should.Throw<DependencyCycleException>(() => new PromptOrchestrator([new FakeModule("a", "a")], 1));
    }

    [Fact]
    public void Unknown_dependencies_and_duplicate_ids_are_rejected()
    {
        Should.Throw<ArgumentException>(() => new PromptOrchestrator([new FakeModule("a", "missing")], 1)).Message.ShouldContain("missing");
        Should.Throw<ArgumentException>(() => new PromptOrchestrator([new FakeModule("a"), new FakeModule("a")], 1)).Message.ShouldContain("twice");
    }

    [Fact]
    public void Modules_receive_exactly_their_dependencies_outputs()
    {
        var result = new PromptOrchestrator([new FakeModule("a"), new FakeModule("b", "a"), new FakeModule("c", "a", "b")], 2).Build(Context);

        result.Outputs["c"].Text.ShouldBe("c<a,b>");
        result.Outputs["b"].Text.ShouldBe("b<a>");
        result.Text.ShouldBe("a<>\n\nb<a>\n\nc<a,b>");
        result.ExecutionOrder.ShouldBe(["a", "b", "c"]);
    }

    private sealed class FakeModule(string id, params string[] dependsOn) : IPromptModule
    {
        public string Id { get; } = id;

        public ImmutableArray<string> DependsOn { get; } = [.. dependsOn];

        public int Order => Id[0];

        public ModuleOutput Build(PromptContext context, IReadOnlyDictionary<string, ModuleOutput> dependencies) =>
            ModuleOutput.Of(Id, $"{Id}<{string.Join(',', dependencies.Keys.Order(StringComparer.Ordinal))}>");
    }
}
