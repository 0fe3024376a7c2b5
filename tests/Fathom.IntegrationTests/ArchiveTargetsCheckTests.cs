namespace Fathom.IntegrationTests;

/// <summary>fathomd --check with several &lt;archive&gt; blocks: each target's delivery printed; every delivery-key mistake at its file:line, exit 2.</summary>
public sealed class ArchiveTargetsCheckTests
{
    [Fact]
    public async Task Check_TwoTargets_EachPrintedWithItsDelivery()
    {
        using var dir = new TempDir();
        var config = dir.Write("fathom.conf", $"""
            <archive>
                path {dir.File("a.db")}
            </archive>
            <archive>
                type postgresql
                name central
                connection "Host=127.0.0.1;Port=1;Database=x;Username=fathom"
                spool_dir {dir.File("spool")}
                spool_max_bytes 512M
                retry_policy "3x5s, forever x PT1M"
            </archive>
            {Configs.Noop("n")}
            """);

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.True(code == 0, output);
        Assert.Contains($"delivery: central: spool {dir.File("spool")} (sync batch, max 512M, full drop), retry 3x5s, forever x 60s", output, StringComparison.Ordinal);
        Assert.Contains("delivery: sqlite-", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BadDeliveryKeys_EachAtItsLineExitTwo()
    {
        using var dir = new TempDir();
        var config = dir.Write("fathom.conf", $"""
            <archive>
                path {dir.File("a.db")}
                spool perhaps
                retry_policy "forever x 1s, 2x1s"
            </archive>
            <archive>
                type postgresql
                connection "Host=127.0.0.1;Database=x;Username=fathom"
                spool_max_bytes lots
            </archive>
            {Configs.Noop("n")}
            """);

        var (code, output) = await DaemonProcess.RunAsync(["--check", $"--config={config}"]);

        Assert.True(code == 2, output);
        Assert.Contains($"{config}:3: archive 'spool' must be yes or no, not 'perhaps'", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:4: retry_policy: only the last segment may be 'forever'", output, StringComparison.Ordinal);
        Assert.Contains($"{config}:9: archive 'spool_max_bytes' must be a size", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
