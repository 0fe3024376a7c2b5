using System.Globalization;
using System.Runtime.InteropServices;
using Fathom.Core.Processes;

namespace Fathom.Collectors.Tests.Processes;

/// <summary>Reading a quiet child's pipe must hold no thread (a blocked read(2) would hold a pool thread).</summary>
public sealed class PipeReadTests
{
    private const int Children = 32;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ReadAsync_ManyQuietChildren_NoThreadBlocksInRead_DataStillArrives()
    {
        var children = new List<ChildProcess>();
        try
        {
            var reads = new List<Task<int>>();
            var buffers = new List<byte[]>();
            for (var i = 0; i < Children; i++)
            {
                var b = new SpawnOptionsBuilder { Arguments = ["sh", "-c", "read x; echo \"got $x\""], Stdin = StdioMode.Pipe, Stdout = StdioMode.Pipe };
                var child = ChildProcess.Start(b.Build("/bin/sh"));
                children.Add(child);
                var buffer = new byte[64];
                buffers.Add(buffer);
                reads.Add(child.StandardOutput!.ReadAsync(buffer).AsTask());
            }

            var ours = children.Select(c => PipeInode(c.Pid, 1)).ToHashSet();

            // For two seconds (a blocking read would be entered within them), no thread of ours sits in
            // read(2) on those pipes. Watched from a thread of its own: a starved pool would not run the checks.
            var (checks, blocked) = await Task.Factory.StartNew(() => Watch(ours, TimeSpan.FromSeconds(2)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).WaitAsync(Timeout);
            Assert.True(checks >= 10, $"only {checks} checks ran");
            Assert.True(blocked == 0, $"{blocked} thread(s) blocked in read(2) on quiet children's pipes");

            Assert.All(reads, r => Assert.False(r.IsCompleted));
            foreach (var child in children)
            {
                await child.StandardInput!.WriteAsync("hi\n"u8.ToArray()).AsTask().WaitAsync(Timeout);
            }

            for (var i = 0; i < Children; i++)
            {
                var n = await reads[i].WaitAsync(Timeout);
                Assert.Equal("got hi\n", System.Text.Encoding.ASCII.GetString(buffers[i], 0, n));
            }
        }
        finally
        {
            foreach (var child in children)
            {
                child.Signal(Signals.SIGKILL);
                child.Dispose();
            }
        }
    }

    [Fact]
    public async Task ReadAsync_StreamDisposed_PendingReadEnds()
    {
        var b = new SpawnOptionsBuilder { Arguments = ["sleep", "30"], Stdout = StdioMode.Pipe };
        var child = ChildProcess.Start(b.Build("/bin/sleep"));
        try
        {
            var read = child.StandardOutput!.ReadAsync(new byte[16]).AsTask();
            Assert.False(read.IsCompleted);
            child.StandardOutput!.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => read.WaitAsync(Timeout));
        }
        finally
        {
            child.Signal(Signals.SIGKILL);
            child.Dispose();
        }
    }

    private static (int Checks, int MostBlocked) Watch(HashSet<string> pipes, TimeSpan span)
    {
        var until = DateTime.UtcNow + span;
        int checks = 0, most = 0;
        while (DateTime.UtcNow < until)
        {
            most = Math.Max(most, ThreadsReading(pipes));
            checks++;
            Thread.Sleep(20);
        }

        return (checks, most);
    }

    private static string PipeInode(int pid, int fd) => new FileInfo($"/proc/{pid}/fd/{fd}").LinkTarget ?? "";

    /// <summary>Our threads blocked in read(2) on a descriptor whose pipe is one of <paramref name="pipes"/>.</summary>
    private static int ThreadsReading(HashSet<string> pipes)
    {
        var readNr = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "0" : "63";
        var count = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string syscall;
            try
            {
                syscall = File.ReadAllText(Path.Combine(task, "syscall")).Trim();
            }
            catch (IOException)
            {
                continue;
            }

            var f = syscall.Split(' ');
            if (f.Length > 1 && f[0] == readNr
                && int.TryParse(f[1].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fd)
                && pipes.Contains(new FileInfo($"/proc/self/fd/{fd}").LinkTarget ?? "-"))
            {
                count++;
            }
        }

        return count;
    }
}
