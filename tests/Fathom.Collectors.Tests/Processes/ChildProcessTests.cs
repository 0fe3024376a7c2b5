using Fathom.Collectors.Tests.Support;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Tests.Processes;

public sealed class ChildProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private static SpawnOptions Sh(string script, Action<SpawnOptionsBuilder>? configure = null)
    {
        var b = new SpawnOptionsBuilder { Arguments = ["sh", "-c", script] };
        configure?.Invoke(b);
        return b.Build("/bin/sh");
    }

    [Fact]
    public async Task Start_EchoThroughPipes_ChildReadsStdinAndWritesStdout()
    {
        using var child = ChildProcess.Start(Sh("read line; echo \"got $line\"; echo oops >&2", b =>
        {
            b.Stdin = StdioMode.Pipe;
            b.Stdout = StdioMode.Pipe;
            b.Stderr = StdioMode.Pipe;
        }));
        await using (var writer = new StreamWriter(child.StandardInput!))
        {
            await writer.WriteLineAsync("hello");
        }

        var output = await new StreamReader(child.StandardOutput!).ReadToEndAsync().WaitAsync(Timeout);
        var error = await new StreamReader(child.StandardError!).ReadToEndAsync().WaitAsync(Timeout);
        var exit = await child.Exited.WaitAsync(Timeout);

        Assert.Equal("got hello\n", output);
        Assert.Equal("oops\n", error);
        Assert.Equal(new ChildExit(0, null), exit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(255)]
    public async Task Exited_ExitCode_IsReported(int code)
    {
        using var child = ChildProcess.Start(Sh($"exit {code}"));
        var exit = await child.Exited.WaitAsync(Timeout);
        Assert.Equal(code, exit.ExitCode);
        Assert.Null(exit.Signal);
    }

    [Fact]
    public async Task Signal_Term_ExitedReportsSignal()
    {
        using var child = ChildProcess.Start(new SpawnOptions { Executable = "/bin/sleep", Arguments = ["sleep", "1000"] });
        Assert.True(child.Signal(Signals.SIGTERM));
        var exit = await child.Exited.WaitAsync(Timeout);
        Assert.Equal(new ChildExit(null, Signals.SIGTERM), exit);
        Assert.False(child.Signal(Signals.SIGTERM));
    }

    [Fact]
    public async Task Start_Argv0_ShowsInProcCmdline()
    {
        using var child = ChildProcess.Start(new SpawnOptions { Executable = "/bin/sleep", Arguments = ["fathomd: collector x", "1000"] });
        try
        {
            var cmdline = await File.ReadAllTextAsync($"/proc/{child.Pid}/cmdline");
            Assert.Equal("fathomd: collector x\01000\0", cmdline);
        }
        finally
        {
            child.Signal(Signals.SIGKILL);
            await child.Exited.WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task Start_WorkingDirectoryAndEnvironment_AreApplied()
    {
        using var dir = new TempDir();
        using var child = ChildProcess.Start(Sh("pwd; echo \"$FATHOM_X\"; echo \"${HOME-unset}\"", b =>
        {
            b.Stdout = StdioMode.Pipe;
            b.WorkingDirectory = dir.Path;
            b.Environment = SpawnOptions.CurrentEnvironment(new("FATHOM_X", "a b"), new("HOME", null));
        }));
        var output = await new StreamReader(child.StandardOutput!).ReadToEndAsync().WaitAsync(Timeout);
        await child.Exited.WaitAsync(Timeout);
        Assert.Equal($"{dir.Path}\na b\nunset\n", output);
    }

    [Fact]
    public async Task Start_NewProcessGroup_ChildLeadsItsGroup()
    {
        using var child = ChildProcess.Start(new SpawnOptions { Executable = "/bin/sleep", Arguments = ["sleep", "1000"], NewProcessGroup = true });
        try
        {
            var (pgrp, session) = GroupAndSession(child.Pid);
            Assert.Equal(child.Pid, pgrp);
            Assert.NotEqual(child.Pid, session);
        }
        finally
        {
            child.SignalGroup(Signals.SIGKILL);
            await child.Exited.WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task Start_NewSession_ChildLeadsSessionAndGroup()
    {
        using var child = ChildProcess.Start(new SpawnOptions { Executable = "/bin/sleep", Arguments = ["sleep", "1000"], NewSession = true });
        try
        {
            Assert.Equal((child.Pid, child.Pid), GroupAndSession(child.Pid));
        }
        finally
        {
            child.SignalGroup(Signals.SIGKILL);
            await child.Exited.WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task SignalGroup_GrandchildInGroup_IsKilledToo()
    {
        using var child = ChildProcess.Start(Sh("sleep 1000 & echo $!; wait", b =>
        {
            b.Stdout = StdioMode.Pipe;
            b.NewProcessGroup = true;
        }));
        var reader = new StreamReader(child.StandardOutput!);
        var grandchild = int.Parse((await reader.ReadLineAsync().WaitAsync(Timeout))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Poll.IsAlive(grandchild));

        Assert.True(child.SignalGroup(Signals.SIGKILL));

        Assert.Equal(Signals.SIGKILL, (await child.Exited.WaitAsync(Timeout)).Signal);
        Assert.True(await Poll.UntilAsync(() => !Poll.IsAlive(grandchild)));
    }

    [Fact]
    public void SignalGroup_WithoutOwnGroup_Throws()
    {
        using var child = ChildProcess.Start(Sh("exit 0"));
        Assert.Throws<InvalidOperationException>(() => child.SignalGroup(Signals.SIGTERM));
    }

    [Fact]
    public void Start_MissingExecutable_ErrorNamesThePath()
    {
        var e = Assert.Throws<IOException>(() => ChildProcess.Start(new SpawnOptions { Executable = "/nonexistent/fathom-x", Arguments = ["x"] }));
        Assert.Contains("/nonexistent/fathom-x", e.Message, StringComparison.Ordinal);
        Assert.Contains("No such file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_NotExecutable_ErrorSaysPermissionDenied()
    {
        using var dir = new TempDir();
        var path = dir.File("plain.txt", "echo hi\n");
        var e = Assert.Throws<IOException>(() => ChildProcess.Start(new SpawnOptions { Executable = path, Arguments = ["x"] }));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ExtraPipe_ChildWritesToFd3()
    {
        using var child = ChildProcess.Start(Sh("echo side >&3", b => b.Extra = [new ExtraPipe(3, ChildWrites: true)]));
        var output = await new StreamReader(child.ExtraStreams[0]).ReadToEndAsync().WaitAsync(Timeout);
        await child.Exited.WaitAsync(Timeout);
        Assert.Equal("side\n", output);
    }

    [Fact]
    public async Task Start_Child_InheritsOnlyMappedDescriptors()
    {
        using var child = ChildProcess.Start(new SpawnOptions
        {
            Executable = "/bin/sleep",
            Arguments = ["sleep", "1000"],
            StandardOutput = StdioMode.Pipe,
            ExtraPipes = [new ExtraPipe(5, ChildWrites: false)],
        });
        try
        {
            // The dynamic loader of the new program briefly holds its libraries open on fd 3: wait until
            // the child sleeps. A descriptor that leaked through the spawn stays, and fails the test.
            string[] expected = ["0", "1", "2", "5"];
            var fds = ChildFds(child.Pid);
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!fds.SequenceEqual(expected) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                fds = ChildFds(child.Pid);
            }

            Assert.Equal(expected, fds);
        }
        finally
        {
            child.Signal(Signals.SIGKILL);
            await child.Exited.WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task Start_SigpipeIgnoredByDotnet_IsDefaultInChild()
    {
        using var child = ChildProcess.Start(Sh("grep SigIgn /proc/self/status", b => b.Stdout = StdioMode.Pipe));
        var output = await new StreamReader(child.StandardOutput!).ReadToEndAsync().WaitAsync(Timeout);
        await child.Exited.WaitAsync(Timeout);
        var ignored = Convert.ToUInt64(output.Split(':')[1].Trim(), 16);
        Assert.Equal(0UL, ignored & (1UL << 12));
    }

    private static (int Group, int Session) GroupAndSession(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(fields[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string[] ChildFds(int pid) =>
        [.. Directory.GetFiles($"/proc/{pid}/fd").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
