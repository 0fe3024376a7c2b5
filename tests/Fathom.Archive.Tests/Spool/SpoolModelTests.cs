using CsCheck;
using Fathom.Archive.Spool;
using Fathom.TestSupport;
using Xunit.Abstractions;

namespace Fathom.Archive.Tests.Spool;

/// <summary>
/// Random runs of append, acknowledge, read, reopen, crash, torn write and corruption against an
/// in-memory model of which records must be readable (in order, exact content), and of what must be
/// counted as corrupt, dropped and pending. On a tmpfs, so fsync costs nothing and runs stay fast.
/// </summary>
public sealed class SpoolModelTests(ITestOutputHelper output)
{
    [Fact]
    public void RandomOperations_AgreeWithTheModel()
    {
        using var disk = new Tmpfs("256m");
        var run = 0;
        Gen.Int[0, int.MaxValue].Array[20, 100].Sample(
            ops => new SpoolModelRun(Path.Combine(disk.Root, $"run{Interlocked.Increment(ref run)}"), ops).Execute(),
            iter: 150, threads: 1, writeLine: output.WriteLine);
        var c = SpoolModelRun.Coverage;
        output.WriteLine($"dropped {c[0]} batches, found {c[1]} corrupt records (in the last open of each run), {c[2]} torn tails, {c[3]} opens");
        Assert.True(c[0] > 0 && c[1] > 0 && c[2] > 0, "the runs should drop, corrupt and tear");
    }
}
