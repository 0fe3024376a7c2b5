using Fathom.Core.Processes;

namespace Fathom.Collectors.Tests.Processes;

[CollectionDefinition(nameof(FdLeakTests), DisableParallelization = true)]
public sealed class FdLeakCollection;

/// <summary>Runs alone: other tests open descriptors too.</summary>
[Collection(nameof(FdLeakTests))]
public sealed class FdLeakTests
{
    [Fact]
    public async Task Start_200QuickSpawns_LeakNoDescriptors()
    {
        await SpawnAsync();
        var before = Directory.GetFiles("/proc/self/fd").Length;

        for (var i = 0; i < 200; i++)
        {
            await SpawnAsync();
        }

        var after = Directory.GetFiles("/proc/self/fd").Length;
        Assert.InRange(after, 0, before + 3);
    }

    private static async Task SpawnAsync()
    {
        using var child = ChildProcess.Start(new SpawnOptions
        {
            Executable = "/bin/true",
            Arguments = ["true"],
            StandardInput = StdioMode.Pipe,
            StandardOutput = StdioMode.Pipe,
            StandardError = StdioMode.Pipe,
        });
        Assert.Equal(0, (await child.Exited.WaitAsync(TimeSpan.FromSeconds(15))).ExitCode);
    }
}
