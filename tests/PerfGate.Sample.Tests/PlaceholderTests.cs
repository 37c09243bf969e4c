namespace PerfGate.Sample.Tests;

public sealed class PlaceholderTests
{
    [Fact]
    public void Assembly_loads() => typeof(PlaceholderTests).Assembly.GetName().Name.ShouldBe("PerfGate.Sample.Tests");
}
