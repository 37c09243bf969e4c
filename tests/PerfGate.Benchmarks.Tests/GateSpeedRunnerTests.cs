using PerfGate.Benchmarks.GateSpeed;

namespace PerfGate.Benchmarks.Tests;

/// <summary>gate-speed's one line when the Native AOT publish fails: the reason, not a screen of MSBuild output.</summary>
public sealed class GateSpeedRunnerTests
{
    [Fact]
    public void A_failed_native_publish_is_told_by_its_first_msbuild_error()
    {
        // What `dotnet publish -p:PublishAot=true` printed here with CppCompilerAndLinker=no-such-cc (no C toolchain).
        var output = """
            gate-speed: dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o /tmp/x failed (1):
              Determining projects to restore...
              All projects are up-to-date for restore.
            /root/.nuget/packages/microsoft.dotnet.ilcompiler/10.0.12/build/Microsoft.NETCore.Native.Unix.targets(318,5): error : Requested linker ('no-such-cc') not found in PATH. [/work/src/PerfGate.Cli/PerfGate.Cli.csproj]
            /work/src/PerfGate.Cli/PerfGate.Cli.csproj(1,1): error NETSDK1000: a second error. [/work/src/PerfGate.Cli/PerfGate.Cli.csproj]
            """;

        GateSpeedRunner.FirstError(output).ShouldBe("Requested linker ('no-such-cc') not found in PATH.");
        GateSpeedRunner.FirstError("/p/x.csproj(1,1): error NETSDK1045: The current .NET SDK does not support this. [/p/x.csproj]")
            .ShouldBe("NETSDK1045: The current .NET SDK does not support this.");
        GateSpeedRunner.FirstError("killed\nby a signal").ShouldBe("killed");
    }
}
